import mongoose from 'mongoose';

import { isDatabaseUnavailableError } from '../../src/db/db-errors';

const { mongo } = mongoose;

describe('isDatabaseUnavailableError', () => {
  it.each([
    [
      'server selection',
      new mongo.MongoServerSelectionError('Server selection timed out after 1500 ms', {} as never),
    ],
    ["mongoose's server selection", new mongoose.Error.MongooseServerSelectionError('connect ECONNREFUSED')],
    ['a refused connection', new mongo.MongoNetworkError('connect ECONNREFUSED 127.0.0.1:27017')],
    ['a network timeout', new mongo.MongoNetworkTimeoutError('connection timed out')],
    ['a closed topology', new mongo.MongoTopologyClosedError()],
    ['a client that is not connected', new mongo.MongoNotConnectedError('not connected')],
  ])('when the driver reports %s, then the database counts as unavailable', (_name, error) => {
    expect(isDatabaseUnavailableError(error)).toBe(true);
  });

  it('when mongoose gives up an operation it buffered while disconnected, then the database counts as unavailable', async () => {
    const detached = new mongoose.Mongoose();
    detached.set('bufferTimeoutMS', 20);
    const Model = detached.model('Thing', new detached.Schema({ name: String }));
    const error = await Model.find().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((error as Error).message).toMatch(/buffering timed out/);
    expect(isDatabaseUnavailableError(error)).toBe(true);
  });

  it.each([
    ['a duplicate key', new mongo.MongoServerError({ message: 'E11000 duplicate key', code: 11000 })],
    ['a cast error', new mongoose.Error.CastError('Number', 'x', 'n')],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'x')")],
    ['a string', 'connect ECONNREFUSED'],
    ['nothing', undefined],
  ])(
    'when the error is %s, then it does not count (it stays masked as an internal error)',
    (_name, error) => {
      expect(isDatabaseUnavailableError(error)).toBe(false);
    },
  );
});
