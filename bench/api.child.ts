import 'reflect-metadata';

import http from 'node:http';
import type { AddressInfo } from 'node:net';

import mongoose from 'mongoose';

import { loadConfig } from '../src/config';
import { connect, disconnect } from '../src/db/connection';
import { startHttpServer } from '../src/http/app';
import { SharedReads } from '../src/lib/shared-reads';
import { childMain, logger } from './support';

/**
 * A server for the read and load benchmarks, in a process of its own (the load generator must not share its event
 * loop):
 * - `graphql`: the service's own HTTP app (Express, Apollo, type-graphql, the read service and its caches);
 * - `raw-driver`: a bare node:http handler that runs the driver query behind `jobs(first: 20)` (filter, sort, limit
 *   21 and a count, as the read service does without a cache) for every request and writes the same JSON;
 * - `raw-cached`: reads the jobs data version with the driver for every request and writes the answer it holds while
 *   the version is unchanged: the least work a warm answer can cost. It starts with GraphQL's answer (`initial`), as
 *   computing it with the driver query takes minutes on a busy FerretDB; it never expires by age, so a load test
 *   never hits that query.
 * - `raw-shared`: the same, but a request that arrives while a version read is under way waits for the next one,
 *   shared by all that arrived meanwhile (src/lib/shared-reads.ts), as the service does: the same database work.
 * - `noop`: reads the body and answers `{"data":{}}` at once, no database: the round trip of the benchmark's
 *   client, the floor under every timed read.
 */
export type ApiMode = 'graphql' | 'raw-driver' | 'raw-cached' | 'raw-shared' | 'noop';

export interface ApiTask {
  uri: string;
  dbName: string;
  mode: ApiMode;
  /** raw-cached: the JSON to answer with until the data version changes. */
  initial?: string;
}

export const ADMIN_TOKEN = 'bench-admin-token-0123456789';

/** The `jobs` query of the load benchmark: the dashboard's first page, no filter (open jobs, newest first). */
export const API_QUERY = `query Jobs {
  jobs(first: 20) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes {
      id positionTitle organizationName departmentName annualSalary { min max } positionLocationDisplay
      publicationStartDate applicationCloseDate remote isOpen
    }
  }
}`;

async function run(task: ApiTask): Promise<{ url: string }> {
  await connect(task.uri, { dbName: task.dbName });
  let close: () => Promise<void>;
  let url: string;
  if (task.mode === 'graphql') {
    const server = await startHttpServer(
      {
        config: loadConfig({ NODE_ENV: 'production', ADMIN_TOKEN, LOG_LEVEL: 'silent' }),
        logger,
        adminToken: ADMIN_TOKEN,
        runEtl: () => Promise.reject(new Error('no ETL in the read benchmark')),
      },
      { host: '127.0.0.1', port: 0 },
    );
    url = `${server.url}/graphql`;
    close = () => server.close();
  } else if (task.mode === 'noop') {
    const server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': 11 });
        res.end('{"data":{}}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  } else {
    const server = http.createServer(
      rawHandler(
        task.mode === 'raw-driver' ? undefined : task.mode === 'raw-shared' ? sharedVersion : dataVersion,
        task.initial === undefined ? undefined : await initialAnswer(task.initial),
      ),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  }
  process.once('SIGTERM', () => {
    void close()
      .then(() => disconnect())
      .finally(() => process.exit(0));
  });
  return { url };
}

interface StoredJob {
  _id: string;
  positionTitle: string;
  organizationName?: string | null;
  departmentName?: string | null;
  annualSalary?: { min: number; max: number } | null;
  positionLocationDisplay?: string | null;
  publicationStartDate?: Date | null;
  applicationCloseDate?: Date | null;
  remote: boolean;
}

interface CachedAnswer {
  version: number;
  body: Buffer;
}

async function initialAnswer(json: string): Promise<CachedAnswer> {
  return { version: await dataVersion(), body: Buffer.from(json) };
}

/** The jobs data version, read by requests that arrive while a read is under way together (raw-shared). */
function sharedVersion(): Promise<number> {
  return versionReads.read();
}

const versionReads = new SharedReads(dataVersion);

/** The jobs data version, read with the driver (the read service's caches go by it). */
async function dataVersion(): Promise<number> {
  const db = mongoose.connection.db;
  if (!db) throw new Error('not connected');
  const doc = await db.collection<{ _id: string; version: number }>('data_versions').findOne({ _id: 'jobs' });
  return doc?.version ?? 0;
}

/** @param version - how the version is read; undefined: no cache, the driver query every time */
function rawHandler(
  version: (() => Promise<number>) | undefined,
  initial?: CachedAnswer,
): http.RequestListener {
  let last = initial;
  return (req, res) => {
    // The body is read (as the GraphQL server reads and parses it) but not interpreted: one query is served.
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      answer().then(
        (body) => {
          res.writeHead(200, {
            'content-type': 'application/json; charset=utf-8',
            'content-length': body.length,
          });
          res.end(body);
        },
        (error: unknown) => {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end(error instanceof Error ? error.message : 'error');
        },
      );
    });
  };

  async function answer(): Promise<Buffer> {
    const db = mongoose.connection.db;
    if (!db) throw new Error('not connected');
    const useCache = version !== undefined;
    const current = version ? await version() : 0;
    if (useCache && last && last.version === current) return last.body;
    const now = new Date();
    const filter = { applicationCloseDate: { $gt: now } };
    const jobs = db.collection<StoredJob>('jobs');
    const [rows, totalCount] = await Promise.all([
      jobs.find(filter).sort({ publicationStartDate: -1, _id: -1 }).limit(21).toArray(),
      jobs.countDocuments(filter),
    ]);
    const nodes = rows.slice(0, 20).map((job) => ({
      id: job._id,
      positionTitle: job.positionTitle,
      organizationName: job.organizationName ?? null,
      departmentName: job.departmentName ?? null,
      annualSalary: job.annualSalary ? { min: job.annualSalary.min, max: job.annualSalary.max } : null,
      positionLocationDisplay: job.positionLocationDisplay ?? null,
      publicationStartDate: job.publicationStartDate?.toISOString() ?? null,
      applicationCloseDate: job.applicationCloseDate?.toISOString() ?? null,
      remote: job.remote,
      isOpen: job.applicationCloseDate != null && job.applicationCloseDate.getTime() > now.getTime(),
    }));
    const lastNode = rows[Math.min(rows.length, 20) - 1];
    const endCursor = lastNode
      ? Buffer.from(
          JSON.stringify({
            f: 'PUBLICATION_START_DATE',
            d: 'DESC',
            v: lastNode.publicationStartDate?.toISOString() ?? null,
            i: lastNode._id,
          }),
        ).toString('base64url')
      : null;
    const body = Buffer.from(
      JSON.stringify({
        data: { jobs: { totalCount, pageInfo: { hasNextPage: rows.length > 20, endCursor }, nodes } },
      }),
    );
    if (useCache) last = { version: current, body };
    return body;
  }
}

childMain(run, true);
