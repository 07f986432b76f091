import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import mongoose from 'mongoose';

import type { Config } from '../config';
import type { Logger } from '../logger';
import { connect, disconnect } from './connection';
import { type EmbeddedDb, startEmbeddedDb } from './embedded';

export interface OpenDatabase {
  /** The URI in use (the embedded server's when MONGO_URI is unset). */
  readonly uri: string;
  /** True when this process started and supervises the database. */
  readonly embedded: boolean;
  /** Disconnects and, for an embedded server this process started, stops it. */
  close(): Promise<void>;
}

/** Written into DATA_DIR by the process that runs the embedded server, so that others on the same data join it. */
const OWNER_FILE = 'embedded.json';
const JOIN_WAIT_MS = 15_000;

/**
 * Connects to MONGO_URI; without it, to the embedded FerretDB of DATA_DIR: the one another process of ours already
 * runs there (e.g. `npm run etl` beside `npm start`), or a new one on a free loopback port.
 *
 * @throws EmbeddedDbError when the embedded database cannot be built or started; the driver's error when
 *   MONGO_URI cannot be reached
 */
export async function openDatabase(
  config: Pick<Config, 'MONGO_URI' | 'DATA_DIR'>,
  logger: Logger,
): Promise<OpenDatabase> {
  let server: EmbeddedDb | undefined;
  let uri = config.MONGO_URI;
  const ownerFile = path.resolve(config.DATA_DIR, OWNER_FILE);
  if (!uri) {
    uri = await runningEmbeddedUri(ownerFile);
    if (uri) {
      logger.info({ uri, dataDir: config.DATA_DIR }, 'using the embedded database another process runs');
    } else {
      ({ server, uri } = await startOrJoin(config.DATA_DIR, ownerFile, logger));
    }
  }
  try {
    await connect(uri, { logger });
  } catch (error) {
    await stopOwned(server, ownerFile);
    throw error;
  }
  return {
    uri,
    embedded: server !== undefined,
    async close() {
      await disconnect();
      await stopOwned(server, ownerFile);
    },
  };
}

async function startOrJoin(
  dataDir: string,
  ownerFile: string,
  logger: Logger,
): Promise<{ server?: EmbeddedDb; uri: string }> {
  try {
    const server = await startEmbeddedDb({ dataDir, port: 0, logger });
    writeFileSync(ownerFile, JSON.stringify({ pid: process.pid, uri: server.uri }));
    logger.info({ uri: server.uri, dataDir }, 'embedded database started');
    return { server, uri: server.uri };
  } catch (error) {
    // Another process won the data directory's lock a moment before us: join it once it says where it listens.
    if (!/in use by another database server/.test((error as Error).message)) throw error;
    const deadline = Date.now() + JOIN_WAIT_MS;
    while (Date.now() < deadline) {
      const uri = await runningEmbeddedUri(ownerFile);
      if (uri) return { uri };
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw error;
  }
}

/** The URI in DATA_DIR's owner file when its process is alive and the server answers; undefined otherwise. */
async function runningEmbeddedUri(ownerFile: string): Promise<string | undefined> {
  let owner: { pid?: unknown; uri?: unknown };
  try {
    owner = JSON.parse(readFileSync(ownerFile, 'utf8')) as typeof owner;
  } catch {
    return undefined;
  }
  if (typeof owner.pid !== 'number' || typeof owner.uri !== 'string' || !isAlive(owner.pid)) return undefined;
  const client = new mongoose.mongo.MongoClient(owner.uri, { serverSelectionTimeoutMS: 2_000 });
  try {
    await client.connect();
    await client.db('admin').command({ ping: 1 });
    return owner.uri;
  } catch {
    return undefined;
  } finally {
    await client.close().catch(() => undefined);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function stopOwned(server: EmbeddedDb | undefined, ownerFile: string): Promise<void> {
  if (!server) return;
  await server.stop();
  rmSync(ownerFile, { force: true });
}
