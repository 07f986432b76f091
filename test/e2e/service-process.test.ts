import 'reflect-metadata';

import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

import mongoose from 'mongoose';

import { openDatabase } from '../../src/db/database';
import { startEmbeddedDb } from '../../src/db/embedded';
import { startOwnedEmbeddedDb } from '../../src/db/embedded-owner';
import { silentLogger } from '../support/logger';
import {
  healthStatus,
  launcherPids,
  ROOT,
  startService,
  startServiceExpectingFailure,
  waitFor,
} from '../support/service-process';
import { DOUBLE_API_KEY, DOUBLE_USER_AGENT, startUsajobsDouble } from '../support/usajobs-double';
import { buildChicagoFixture } from '../support/usajobs-fixtures';

jest.setTimeout(120_000);

describe('the service as a process (what npm start runs)', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'job-tracker-e2e-'));
  });
  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('when started with no MONGO_URI, then /healthz is 200, stored data survives a restart, and Ctrl-C leaves no database process', async () => {
    // A job-like document written through the service's database module.
    const first = await openDatabase({ DATA_DIR: dataDir }, silentLogger());
    await mongoose.connection
      .collection('jobs')
      .insertOne({ _id: '840956600' as never, positionTitle: 'Data Engineer' });
    await first.close();

    const service = await startService({ DATA_DIR: dataDir });
    expect(await healthStatus(service.url)).toBe(200);
    expect(await (await fetch(`${service.url}/healthz`)).json()).toEqual({
      status: 'ok',
      db: 'up',
      nextEtlRunAt: null,
    });
    expect(launcherPids(dataDir)).toHaveLength(1);
    expect(await service.stop('SIGINT')).toBe(0);
    expect(launcherPids(dataDir)).toEqual([]);

    const again = await startService({ DATA_DIR: dataDir });
    expect(await healthStatus(again.url)).toBe(200);
    expect(await again.stop('SIGTERM')).toBe(0);

    const reopened = await openDatabase({ DATA_DIR: dataDir }, silentLogger());
    const doc = await mongoose.connection.collection('jobs').findOne({ _id: '840956600' as never });
    await reopened.close();
    expect(doc).toMatchObject({ positionTitle: 'Data Engineer' });
    expect(launcherPids(dataDir)).toEqual([]);
  });

  it('when the service is killed with SIGKILL, then its embedded database stops by itself', async () => {
    const service = await startService({ DATA_DIR: dataDir });
    expect(launcherPids(dataDir)).toHaveLength(1);
    await service.stop('SIGKILL');
    await waitFor(async () => launcherPids(dataDir).length === 0, 15_000);
  });

  it('when npm run etl runs beside npm start on the same DATA_DIR, then it joins the running database and the API sees its jobs', async () => {
    const { items, ids } = buildChicagoFixture();
    const double = await startUsajobsDouble({ items });
    const service = await startService({ DATA_DIR: dataDir });
    try {
      // Asynchronous: the USAJOBS double answers from this very process.
      const child = spawn(process.execPath, ['dist/cli/etl.js'], {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH ?? '',
          DATA_DIR: dataDir,
          USAJOBS_BASE_URL: double.url,
          USAJOBS_API_KEY: DOUBLE_API_KEY,
          USAJOBS_USER_AGENT: DOUBLE_USER_AGENT,
          USAJOBS_REQUEST_INTERVAL_MS: '0',
        },
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      const status = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      const etl = { status, stdout };
      expect(etl.status).toBe(0);
      expect(JSON.parse(etl.stdout.trim())).toMatchObject({ status: 'SUCCEEDED', inserted: ids.fits.length });
      // Still one database server for this data directory: the CLI joined the service's.
      expect(launcherPids(dataDir)).toHaveLength(1);
      const response = await fetch(`${service.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ jobs(first: 1) { totalCount } }' }),
      });
      expect(await response.json()).toEqual({ data: { jobs: { totalCount: ids.fits.length } } });
    } finally {
      await service.stop();
      await double.close();
    }
  });

  it('when the embedded database process dies, then the service logs it, restarts it and /healthz recovers', async () => {
    const service = await startService({ DATA_DIR: dataDir });
    try {
      const [pid] = launcherPids(dataDir);
      process.kill(pid, 'SIGKILL');
      await waitFor(async () => service.stdout.some((line) => line.includes('exited unexpectedly')), 15_000);
      await waitFor(
        async () => (await healthStatus(service.url)) === 200 && launcherPids(dataDir).length === 1,
      );
      expect(launcherPids(dataDir)).not.toContain(pid);
      expect(service.stdout.some((line) => line.includes('embedded database restarted'))).toBe(true);
    } finally {
      await service.stop();
    }
  });

  it('when MONGO_URI points at a database that stops and comes back, then /healthz goes 503 and back to 200 without a restart', async () => {
    let db = await startEmbeddedDb({ dataDir, port: 0, logger: silentLogger() });
    const port = Number(new URL(db.uri).port);
    const service = await startService({ MONGO_URI: `${db.uri}job_tracker` });
    try {
      expect(await healthStatus(service.url)).toBe(200);
      await db.stop();
      await waitFor(async () => (await healthStatus(service.url)) === 503);
      expect(await (await fetch(`${service.url}/healthz`)).json()).toEqual({
        status: 'degraded',
        db: 'down',
        nextEtlRunAt: null,
      });
      db = await startEmbeddedDb({ dataDir, port, logger: silentLogger() });
      await waitFor(async () => (await healthStatus(service.url)) === 200, 45_000);
    } finally {
      await service.stop();
      await db.stop();
    }
  });

  it('when a setting is invalid, then start-up stops with one readable line and a non-zero exit', async () => {
    const { code, stderr } = await startServiceExpectingFailure({ PORT: 'eighty', DATA_DIR: dataDir });
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/PORT/);
  });

  it('when NODE_ENV=production and ADMIN_TOKEN is unset, then the service refuses to start', async () => {
    const { code, stderr } = await startServiceExpectingFailure({
      NODE_ENV: 'production',
      MONGO_URI: 'mongodb://127.0.0.1:1/x',
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(/ADMIN_TOKEN must be set/);
  });
});

describe('npm run db (the embedded database alone)', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'job-tracker-npm-db-'));
  });
  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Starts what `npm run db` runs and resolves with the URI it prints. */
  async function startNpmRunDb(port: number): Promise<{ child: ChildProcess; uri: string }> {
    const child = spawn(process.execPath, ['dist/cli/db.js'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', DB_PORT: String(port), DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const uri = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout! }).once('line', resolve);
      child.once('exit', (code) => reject(new Error(`npm run db exited with ${code}`)));
    });
    return { child, uri };
  }

  async function interrupt(child: ChildProcess): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    return exited;
  }

  it('when started on DB_PORT, then it prints a MongoDB URI on that port that answers ping, and Ctrl-C stops it', async () => {
    const port = await freePort();
    const { child, uri } = await startNpmRunDb(port);
    try {
      expect(uri).toBe(`mongodb://127.0.0.1:${port}/`);
      const client = await mongoose
        .createConnection(`${uri}probe`, { serverSelectionTimeoutMS: 5_000 })
        .asPromise();
      expect((await client.db!.admin().ping()).ok).toBe(1);
      await client.close();
    } finally {
      expect(await interrupt(child)).toBe(0);
      expect(launcherPids(dataDir)).toEqual([]);
    }
  });

  it('when npm run etl runs on the same DATA_DIR, then it joins the running database instead of failing', async () => {
    const { items, ids } = buildChicagoFixture();
    const double = await startUsajobsDouble({ items });
    const { child, uri } = await startNpmRunDb(await freePort());
    try {
      const etl = spawn(process.execPath, ['dist/cli/etl.js'], {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH ?? '',
          DATA_DIR: dataDir,
          USAJOBS_BASE_URL: double.url,
          USAJOBS_API_KEY: DOUBLE_API_KEY,
          USAJOBS_USER_AGENT: DOUBLE_USER_AGENT,
          USAJOBS_REQUEST_INTERVAL_MS: '0',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      etl.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      etl.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const status = await new Promise<number | null>((resolve) => etl.once('exit', resolve));
      expect({ status, stderr }).toEqual({ status: 0, stderr: expect.not.stringMatching(/in use/) });
      expect(JSON.parse(stdout.trim())).toMatchObject({ status: 'SUCCEEDED', inserted: ids.fits.length });
      // One server for the data directory, and the jobs are in it.
      expect(launcherPids(dataDir)).toHaveLength(1);
      const client = await mongoose
        .createConnection(`${uri}job_tracker`, { serverSelectionTimeoutMS: 5_000 })
        .asPromise();
      expect(await client.db!.collection('jobs').countDocuments({})).toBe(ids.fits.length);
      await client.close();
    } finally {
      expect(await interrupt(child)).toBe(0);
      await double.close();
    }
    expect(existsSync(path.join(dataDir, 'embedded.json'))).toBe(false);
  });

  it('when another process already runs the database of DATA_DIR, then it exits 1 with one line naming its URI', async () => {
    const running = await startOwnedEmbeddedDb({ dataDir, port: 0, logger: silentLogger() });
    try {
      const child = spawn(process.execPath, ['dist/cli/db.js'], {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', DB_PORT: String(await freePort()), DATA_DIR: dataDir },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect({ code, stdout }).toEqual({ code: 1, stdout: '' });
      expect(stderr.trim().split('\n')).toEqual([
        expect.stringContaining(
          `already runs at ${running.uri} (process ${process.pid}): connect there (MONGO_URI=`,
        ),
      ]);
    } finally {
      await running.stop();
    }
  });
});

/** A loopback port nothing listens on. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
