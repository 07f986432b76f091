import path from 'node:path';

import type { Config } from '../config';
import { codeOf } from '../errors';
import type { Logger } from '../logger';
import { connect, disconnect } from './connection';
import { type EmbeddedDb, EmbeddedDbError } from './embedded';
import { runningOwner, startOwnedEmbeddedDb } from './embedded-owner';

export interface OpenDatabase {
  /** The URI in use (the embedded server's when MONGO_URI is unset). */
  readonly uri: string;
  /** True when this process started and supervises the database. */
  readonly embedded: boolean;
  /**
   * The process is shutting down: an embedded server this process started is no longer restarted should it exit
   * (it stops with {@link OpenDatabase.close}). Idempotent.
   */
  beginShutdown(): void;
  /** Disconnects and, for an embedded server this process started, stops it. */
  close(): Promise<void>;
}

/** How long to wait for the process that holds DATA_DIR's lock to announce its server (it may be starting). */
const JOIN_WAIT_MS = 15_000;

/**
 * Connects to MONGO_URI; without it, to the embedded FerretDB of DATA_DIR: the one another process of ours already
 * runs there (`npm start`, `npm run db`, `npm run etl`), or a new one on a free loopback port, announced there.
 *
 * @param options.joinWaitMs - how long to wait for a server that holds DATA_DIR to announce itself (default 15 s)
 * @throws EmbeddedDbError when the embedded database cannot be built or started, or `EMBEDDED_DB_DATA_DIR_IN_USE`
 *   when a server that never announces itself holds DATA_DIR; the driver's error when MONGO_URI cannot be reached
 */
export async function openDatabase(
  config: Pick<Config, 'MONGO_URI' | 'DATA_DIR'>,
  logger: Logger,
  options: { joinWaitMs?: number } = {},
): Promise<OpenDatabase> {
  let server: EmbeddedDb | undefined;
  let uri = config.MONGO_URI;
  if (!uri) {
    const owner = await runningOwner(config.DATA_DIR);
    if (owner) {
      uri = owner.uri;
      logger.info({ uri, dataDir: config.DATA_DIR }, 'using the embedded database another process runs');
    } else {
      ({ server, uri } = await startOrJoin(config.DATA_DIR, logger, options.joinWaitMs ?? JOIN_WAIT_MS));
    }
  }
  try {
    await connect(uri, { logger });
  } catch (error) {
    await server?.stop();
    throw error;
  }
  return {
    uri,
    embedded: server !== undefined,
    beginShutdown() {
      server?.endSupervision();
    },
    async close() {
      server?.endSupervision();
      await disconnect();
      await server?.stop();
    },
  };
}

async function startOrJoin(
  dataDir: string,
  logger: Logger,
  joinWaitMs: number,
): Promise<{ server?: EmbeddedDb; uri: string }> {
  try {
    const server = await startOwnedEmbeddedDb({ dataDir, port: 0, logger });
    logger.info({ uri: server.uri, dataDir }, 'embedded database started');
    return { server, uri: server.uri };
  } catch (error) {
    if (codeOf(error) !== 'EMBEDDED_DB_DATA_DIR_IN_USE') throw error;
    // Another process won the data directory's lock a moment before us: join it once it says where it listens.
    const deadline = Date.now() + joinWaitMs;
    for (;;) {
      const owner = await runningOwner(dataDir);
      if (owner) return { uri: owner.uri };
      if (Date.now() >= deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new EmbeddedDbError(
      'EMBEDDED_DB_DATA_DIR_IN_USE',
      `DATA_DIR ${path.resolve(dataDir)} is in use by a database server that does not say where it listens: ` +
        "set MONGO_URI to that server's URI (e.g. MONGO_URI=mongodb://127.0.0.1:27017/job_tracker), or use another DATA_DIR",
      { cause: error },
    );
  }
}
