import mongoose from 'mongoose';

import type { Logger } from '../logger';

/** The database used when the URI names none (the driver's own default would be `test`). */
export const DEFAULT_DB_NAME = 'job_tracker';

/** How long a health ping may take before the database counts as down. */
const PING_TIMEOUT_MS = 2_000;

/** Removes the listeners of the latest `connect`: a connection lost by accident is worth a warning, a close is not. */
let stopWatching: () => void = () => undefined;

/**
 * Connects the process-wide mongoose connection (the one Typegoose models use).
 *
 * @param uri - MongoDB URI
 * @param dbName - database name; overrides the URI's path (tests use one database per file)
 * @throws the driver's error when no server is reachable within 10 s (or `serverSelectionTimeoutMS`)
 */
export async function connect(
  uri: string,
  options: { dbName?: string; logger?: Logger; serverSelectionTimeoutMS?: number } = {},
): Promise<void> {
  // Unknown paths in a filter are dropped instead of silently matching nothing-or-everything.
  mongoose.set('strictQuery', true);
  // sanitizeFilter is deliberately not set globally: it would also wrap our own operators ($lt, $regex) in $eq.
  // Filters are built only by our code from typed GraphQL scalars, so no user value can become an operator.
  await mongoose.connect(uri, {
    dbName: options.dbName ?? (databaseNameOf(uri) ? undefined : DEFAULT_DB_NAME),
    serverSelectionTimeoutMS: options.serverSelectionTimeoutMS ?? 10_000,
    // FerretDB does not support retryable writes' transaction numbers on all commands.
    retryWrites: false,
    autoIndex: true,
  });
  const { logger } = options;
  stopWatching();
  if (logger) {
    const onDisconnected = (): void => logger.warn('database disconnected');
    const onReconnected = (): void => logger.info('database reconnected');
    mongoose.connection.on('disconnected', onDisconnected);
    mongoose.connection.on('reconnected', onReconnected);
    stopWatching = () => {
      mongoose.connection.off('disconnected', onDisconnected);
      mongoose.connection.off('reconnected', onReconnected);
    };
  }
}

/** Closes the connection; safe to call when not connected. Logs nothing: closing is what the caller asked for. */
export async function disconnect(): Promise<void> {
  stopWatching();
  stopWatching = () => undefined;
  await mongoose.disconnect();
}

/**
 * Asks the server for `ping`, within 2 s.
 *
 * @returns true when the database answered; never throws
 */
export async function pingDb(): Promise<boolean> {
  const db = mongoose.connection.db;
  if (!db) return false;
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('ping timeout')), PING_TIMEOUT_MS);
    });
    await Promise.race([db.admin().ping(), timeout]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The database a MongoDB URI names, e.g. `job_tracker` in `mongodb://h1:27017,h2:27017/job_tracker?replicaSet=rs`.
 *
 * @returns the name, or undefined when the URI names none
 */
export function databaseNameOf(uri: string): string | undefined {
  const name = /^mongodb(?:\+srv)?:\/\/[^/?]*\/?([^?]*)/.exec(uri)?.[1];
  return name ? decodeURIComponent(name) : undefined;
}
