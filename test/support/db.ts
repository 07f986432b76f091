import { randomBytes } from 'node:crypto';
import path from 'node:path';

import mongoose from 'mongoose';

import { connect, disconnect } from '../../src/db/connection';

/**
 * Gives the calling test file a database of its own on the run's one server: connects before the file's tests,
 * drops the database and disconnects after them.
 *
 * @returns a function that gives the database name (for child processes that must use it too)
 */
export function useTestDatabase(): { uri: () => string; dbName: string } {
  const caller = path.basename(expect.getState().testPath ?? 'test').replace(/\W+/g, '_');
  const dbName = `t_${caller}_${randomBytes(3).toString('hex')}`.slice(0, 60);
  beforeAll(async () => {
    await connect(testMongoUri(), { dbName });
    await Promise.all(Object.values(mongoose.models).map((model) => model.syncIndexes()));
  });
  afterAll(async () => {
    await mongoose.connection.db?.dropDatabase();
    await disconnect();
  });
  return { uri: () => withDbName(testMongoUri(), dbName), dbName };
}

/** The URI of the run's database server (set by the jest globalSetup). */
export function testMongoUri(): string {
  const uri = process.env.TEST_MONGO_URI;
  if (!uri)
    throw new Error(
      'TEST_MONGO_URI is not set: run the tests through jest (globalSetup starts the database)',
    );
  return uri;
}

/** The same server URI, naming a database. */
export function withDbName(uri: string, dbName: string): string {
  const url = new URL(uri);
  url.pathname = `/${dbName}`;
  return url.toString();
}
