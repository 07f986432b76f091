import { readFileSync } from 'node:fs';
import path from 'node:path';

import mongoose from 'mongoose';

import { EmbeddedDbError } from '../../src/db/embedded';
import { codeOf } from '../../src/errors';

describe('codeOf', () => {
  it('when Node throws an errno error, then its code is returned', () => {
    let thrown: unknown;
    try {
      readFileSync(path.join(__dirname, 'no-such-file'));
    } catch (error) {
      thrown = error;
    }
    expect(codeOf(thrown)).toBe('ENOENT');
  });

  it('when one of our errors is thrown, then its stable code is returned', () => {
    expect(codeOf(new EmbeddedDbError('EMBEDDED_DB_DATA_DIR_IN_USE', 'in use'))).toBe(
      'EMBEDDED_DB_DATA_DIR_IN_USE',
    );
  });

  it('when the MongoDB server reports a numeric code, then it is returned as its decimal string', () => {
    expect(
      codeOf(new mongoose.mongo.MongoServerError({ message: 'E11000 duplicate key', code: 11000 })),
    ).toBe('11000');
  });

  it.each([
    ['a string', 'ENOENT'],
    ['undefined', undefined],
    ['null', null],
    ['an Error without a code', new Error('no code')],
    ['an object whose code is neither a string nor a number', { code: { nested: true } }],
  ])('when %s is thrown, then there is no code', (_name, thrown) => {
    expect(codeOf(thrown)).toBeUndefined();
  });

  it('when reading the code throws, then there is no code and nothing is thrown', () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('no access');
        },
      },
    );
    expect(codeOf(hostile)).toBeUndefined();
  });
});
