/**
 * Minimal reproduction: on FerretDB 1.24 (SQLite backend), one `update` command whose statements are single-document
 * updates (`multi: false`) that each match a stored document stops answering at 100 statements, and every other
 * request on the same database waits behind it until the server stops.
 *
 * Why (FerretDB v1.24.2, internal/handler/msg_update.go, updateDocument): each statement's query iterator is closed by
 * a `defer` inside the statement loop, i.e. only when the whole command returns. A `multi: false` statement stops
 * after its first document, so its SQLite result set stays open and keeps one connection of the database's pool
 * (internal/backends/sqlite/metadata/pool/opendb.go: SetMaxOpenConns(100)). Statement k holds k connections and its
 * write needs one more: at k = 100 it waits for a connection only the command itself could release. Statements that
 * match nothing, or `multi: true` ones, read their result set to the end, which releases it.
 *
 * Run: `npx tsc -p tsconfig.bench.json && node .bench-build/bench/repro/update-100-hang.js`. Prints one JSON line
 * per case: whether the command answered within 10 s and whether a plain `find` on the same database then did.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import mongoose from 'mongoose';

import { startEmbeddedDb } from '../../src/db/embedded';
import { createLogger } from '../../src/logger';

const TIMEOUT_MS = 10_000;
const STORED = 200;

interface Case {
  name: string;
  statements: number;
  /** Builds statement i of the `update` command. */
  statement: (i: number) => Record<string, unknown>;
}

const CASES: Case[] = [
  { name: 'updateOne x99, each matching', statements: 99, statement: (i) => setOne(i) },
  { name: 'updateOne x100, each matching', statements: 100, statement: (i) => setOne(i) },
  {
    name: 'updateOne x100, none matching (upserts)',
    statements: 100,
    statement: (i) => ({ ...setOne(STORED + i), upsert: true }),
  },
  {
    name: 'updateMany x100, each matching one',
    statements: 100,
    statement: (i) => ({ ...setOne(i), multi: true }),
  },
  // A statement that changes nothing writes nothing, so it needs no extra connection: the wall moves to 101.
  {
    name: 'updateOne x100, each matching, changing nothing',
    statements: 100,
    statement: (i) => unchanged(i),
  },
  {
    name: 'updateOne x101, each matching, changing nothing',
    statements: 101,
    statement: (i) => unchanged(i),
  },
];

function unchanged(i: number): Record<string, unknown> {
  return { q: { _id: `d${i}` }, u: { $set: { n: i } } };
}

function setOne(i: number): Record<string, unknown> {
  return { q: { _id: `d${i}` }, u: { $set: { touched: true } } };
}

/** Resolves with the promise's outcome, or 'timeout' when it takes longer than TIMEOUT_MS. */
async function within(promise: Promise<unknown>): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), TIMEOUT_MS);
  });
  try {
    return await Promise.race([
      promise.then(
        () => 'ok',
        (error: unknown) => `error: ${error instanceof Error ? error.message : String(error)}`,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

async function runCase(uri: string, index: number, testCase: Case): Promise<Record<string, unknown>> {
  // A database of its own: a hung command only blocks the connection pool of its database (one SQLite file).
  const dbName = `hang_${index}`;
  const setup = await new mongoose.mongo.MongoClient(uri).connect();
  await setup
    .db(dbName)
    .collection<{ _id: string; n: number }>('docs')
    .insertMany(Array.from({ length: STORED }, (_, i) => ({ _id: `d${i}`, n: i })));
  await setup.close();

  // Separate clients, closed without waiting: a hung one would otherwise keep this script alive.
  const writer = await new mongoose.mongo.MongoClient(uri).connect();
  const reader = await new mongoose.mongo.MongoClient(uri).connect();
  const started = performance.now();
  const update = await within(
    writer.db(dbName).command({
      update: 'docs',
      updates: Array.from({ length: testCase.statements }, (_, i) => testCase.statement(i)),
      ordered: true,
    }),
  );
  const updateMs = Math.round(performance.now() - started);
  const findAfter = await within(reader.db(dbName).collection('docs').findOne({ n: 1 }));
  void writer.close(true).catch(() => undefined);
  void reader.close(true).catch(() => undefined);
  return { case: testCase.name, statements: testCase.statements, update, updateMs, findAfter };
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'job-tracker-update-hang-'));
  const server = await startEmbeddedDb({ dataDir, port: 0, logger: createLogger('error', process.stderr) });
  try {
    for (const [index, testCase] of CASES.entries()) {
      process.stdout.write(`${JSON.stringify(await runCase(server.uri, index, testCase))}\n`);
    }
  } finally {
    // A hung server may ignore SIGTERM; stop() falls back to SIGKILL after 10 s.
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  process.exit(0);
}

void main();
