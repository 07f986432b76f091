import mongoose from 'mongoose';

import { codeOf } from '../errors';

const { mongo } = mongoose;

/**
 * Driver errors that mean "no server to talk to": none could be selected in time, the connection broke or was
 * closed. PoolClearedError and MongoNetworkTimeoutError are MongoNetworkErrors.
 */
const UNAVAILABLE_CLASSES: ReadonlyArray<new (...args: never[]) => Error> = [
  mongo.MongoServerSelectionError,
  mongo.MongoNetworkError,
  mongo.MongoTopologyClosedError,
  mongo.MongoNotConnectedError,
  mongo.MongoServerClosedError,
  mongo.MongoClientClosedError,
  mongoose.Error.MongooseServerSelectionError,
];

/** Mongoose queues operations while disconnected and fails them with a plain MongooseError after bufferTimeoutMS. */
const BUFFERING_TIMEOUT = /buffering timed out after \d+ms$/;

/**
 * Tells whether an error means the database could not be reached (as opposed to a query it refused or a bug).
 *
 * @param error - anything thrown by a mongoose or driver call
 * @returns true for server-selection, network, closed-topology and buffering-timeout errors; never throws
 */
export function isDatabaseUnavailableError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (UNAVAILABLE_CLASSES.some((type) => error instanceof type)) return true;
  return error instanceof mongoose.Error && BUFFERING_TIMEOUT.test(error.message);
}

/** The MongoDB server's code for a write that would duplicate a unique key (E11000). */
export const DUPLICATE_KEY_CODE = '11000';

/**
 * Tells whether a write failed because a document with the same unique key (e.g. `_id`) exists.
 *
 * @param error - anything a write threw, or one of a bulk write's `writeErrors`
 * @returns true for E11000 duplicate-key errors; never throws
 */
export function isDuplicateKeyError(error: unknown): boolean {
  // A bulk write's WriteError keeps the server's code on `err` (mongoose's copy may not expose the getter).
  const inner = typeof error === 'object' && error !== null ? (error as { err?: unknown }).err : undefined;
  return codeOf(error) === DUPLICATE_KEY_CODE || codeOf(inner) === DUPLICATE_KEY_CODE;
}

/**
 * Tells whether an error came from the database (the server refused, or could not be reached): anything the
 * MongoDB driver or mongoose throws. {@link isDatabaseUnavailableError} is the "could not be reached" part of it.
 *
 * @param error - anything thrown
 * @returns true for driver, server and mongoose errors; never throws
 */
export function isDatabaseError(error: unknown): boolean {
  return (
    error instanceof mongo.MongoError || error instanceof mongoose.Error || isDatabaseUnavailableError(error)
  );
}
