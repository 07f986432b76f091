import type { Config } from '../config';
import type { Logger } from '../logger';
import { connect, disconnect } from './connection';
import { type EmbeddedDb, startEmbeddedDb } from './embedded';

export interface OpenDatabase {
  /** The URI in use (the embedded server's when MONGO_URI is unset). */
  readonly uri: string;
  /** True when this process started and supervises the database. */
  readonly embedded: boolean;
  /** Disconnects and, for an embedded server, stops it. */
  close(): Promise<void>;
}

/**
 * Connects to MONGO_URI, or starts the embedded FerretDB under DATA_DIR on a free loopback port and connects to it.
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
  if (!uri) {
    server = await startEmbeddedDb({ dataDir: config.DATA_DIR, port: 0, logger });
    uri = server.uri;
    logger.info({ uri, dataDir: config.DATA_DIR }, 'embedded database started');
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
    async close() {
      await disconnect();
      await server?.stop();
    },
  };
}
