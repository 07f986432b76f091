import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import mongoose from 'mongoose';

import { codeOf } from '../errors';
import { type EmbeddedDb, type EmbeddedDbOptions, startEmbeddedDb } from './embedded';

/**
 * Written into DATA_DIR by the process that runs its embedded server (`npm start`, `npm run db`, `npm run etl`), so
 * that other processes of ours on the same data join that server: the launcher locks the directory, a second server
 * could not start.
 */
const OWNER_FILE = 'embedded.json';

/** The process that runs a data directory's embedded server, and where the server listens. */
export interface EmbeddedOwner {
  pid: number;
  uri: string;
}

/**
 * Starts the embedded server of a data directory and announces it there; `stop()` withdraws the announcement.
 *
 * @throws EmbeddedDbError as {@link startEmbeddedDb}
 */
export async function startOwnedEmbeddedDb(options: EmbeddedDbOptions): Promise<EmbeddedDb> {
  const server = await startEmbeddedDb(options);
  const file = ownerFileOf(options.dataDir);
  // Written whole, then renamed: a reader never sees half a file.
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, JSON.stringify({ pid: process.pid, uri: server.uri } satisfies EmbeddedOwner));
  renameSync(partial, file);
  return {
    uri: server.uri,
    endSupervision: () => server.endSupervision(),
    async stop() {
      await server.stop();
      withdraw(file);
    },
  };
}

/**
 * The announced owner of a data directory's embedded server, when its process is alive and the server answers.
 *
 * @returns the owner, or undefined when none is announced or it is gone; never throws
 */
export async function runningOwner(dataDir: string): Promise<EmbeddedOwner | undefined> {
  const owner = readOwner(ownerFileOf(dataDir));
  if (!owner || !isAlive(owner.pid)) return undefined;
  const client = new mongoose.mongo.MongoClient(owner.uri, { serverSelectionTimeoutMS: 2_000 });
  try {
    await client.connect();
    await client.db('admin').command({ ping: 1 });
    return owner;
  } catch {
    return undefined;
  } finally {
    await client.close().catch(() => undefined);
  }
}

function ownerFileOf(dataDir: string): string {
  return path.resolve(dataDir, OWNER_FILE);
}

function readOwner(file: string): EmbeddedOwner | undefined {
  try {
    const owner = JSON.parse(readFileSync(file, 'utf8')) as Partial<EmbeddedOwner>;
    return typeof owner.pid === 'number' && typeof owner.uri === 'string'
      ? { pid: owner.pid, uri: owner.uri }
      : undefined;
  } catch {
    return undefined;
  }
}

/** Removes the announcement if it is still ours: once our server stopped, another process may have announced its. */
function withdraw(file: string): void {
  if (readOwner(file)?.pid === process.pid) rmSync(file, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return codeOf(error) === 'EPERM';
  }
}
