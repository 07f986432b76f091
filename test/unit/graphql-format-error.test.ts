import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import mongoose from 'mongoose';
import { ArgumentValidationError } from 'type-graphql';

import {
  BadUserInputError,
  ConflictError,
  DatabaseUnavailableError,
  ErrorCode,
  UnauthenticatedError,
} from '../../src/graphql/errors';
import { createErrorFormatter, INTERNAL_ERROR_MESSAGE } from '../../src/graphql/format-error';
import { captureLogger } from '../support/logger';

/** What graphql-js hands Apollo for an error thrown in a resolver: a located GraphQLError around it. */
function fromResolver(original: Error): { formatted: GraphQLFormattedError; error: GraphQLError } {
  const error =
    original instanceof GraphQLError
      ? new GraphQLError(original.message, {
          path: ['jobs'],
          originalError: original,
          extensions: original.extensions,
        })
      : new GraphQLError(original.message, { path: ['jobs'], originalError: original });
  const code = (error.extensions.code as string | undefined) ?? 'INTERNAL_SERVER_ERROR';
  return {
    formatted: { message: error.message, path: ['jobs'], extensions: { ...error.extensions, code } },
    error,
  };
}

describe('formatError', () => {
  it('when a client error is thrown, then it passes unchanged with its stable code', () => {
    const { logger, lines } = captureLogger();
    const format = createErrorFormatter({ logger, development: false });
    const cases = [
      [new BadUserInputError('bad', 'first'), ErrorCode.BAD_USER_INPUT],
      [new UnauthenticatedError(), ErrorCode.UNAUTHENTICATED],
      [new ConflictError('busy'), ErrorCode.CONFLICT],
      [new DatabaseUnavailableError(), ErrorCode.DATABASE_UNAVAILABLE],
    ] as const;
    for (const [thrown, code] of cases) {
      const { formatted, error } = fromResolver(thrown);
      expect(format(formatted, error)).toEqual(formatted);
      expect(format(formatted, error).extensions?.code).toBe(code);
    }
    // Logged for whoever debugs a client, never above debug: they are the client's mistakes, not ours.
    expect(lines.filter((line) => (line.level as number) > 20)).toEqual([]);
  });

  it.each([true, false])(
    'when development is %s and a request error or a client error carries a stack trace, then the answer has none and the log has it',
    (development) => {
      const { logger, lines } = captureLogger();
      const format = createErrorFormatter({ logger, development });
      const stacktrace = [
        'GraphQLError: Syntax Error',
        '    at syntaxError (/app/node_modules/graphql/error.js:1:1)',
      ];
      const parse = {
        message: 'Syntax Error: Expected Name, found <EOF>.',
        locations: [{ line: 1, column: 2 }],
        extensions: { code: 'GRAPHQL_PARSE_FAILED', stacktrace },
      };
      const parseError = new GraphQLError(parse.message);
      expect(format(parse, parseError)).toEqual({
        message: parse.message,
        locations: parse.locations,
        extensions: { code: 'GRAPHQL_PARSE_FAILED' },
      });
      const { formatted, error } = fromResolver(new UnauthenticatedError());
      expect(
        format({ ...formatted, extensions: { ...formatted.extensions, stacktrace } }, error).extensions,
      ).toEqual({ code: ErrorCode.UNAUTHENTICATED });
      expect(lines.map((line) => line.msg)).toEqual(['GraphQL request refused', 'GraphQL client error']);
      expect((lines[0]!.err as { stack?: string }).stack).toMatch(/GraphQLError: Syntax Error/);
    },
  );

  it('when an unknown error is thrown in development, then the answer keeps its message without a stack and the log has the stack', () => {
    const { logger, lines } = captureLogger();
    const format = createErrorFormatter({ logger, development: true });
    const { formatted, error } = fromResolver(new Error('odd'));
    const result = format(
      { ...formatted, extensions: { ...formatted.extensions, stacktrace: ['x'] } },
      error,
    );
    expect(result).toMatchObject({ message: 'odd', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } });
    expect(result.extensions).not.toHaveProperty('stacktrace');
    expect(lines).toHaveLength(1);
    expect((lines[0]!.err as { stack?: string }).stack).toMatch(/^Error: odd\n\s+at /);
  });

  it('when an unknown error is thrown outside development, then it is masked and logged', () => {
    const { logger, lines } = captureLogger();
    const format = createErrorFormatter({ logger, development: false });
    const { formatted, error } = fromResolver(new Error('connection to 10.0.0.5:27017 refused'));
    expect(
      format({ ...formatted, extensions: { ...formatted.extensions, stacktrace: ['x'] } }, error),
    ).toEqual({
      message: INTERNAL_ERROR_MESSAGE,
      path: ['jobs'],
      locations: undefined,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 50,
      path: 'jobs',
      err: { message: 'connection to 10.0.0.5:27017 refused' },
    });
  });

  it('when an unknown error is thrown in development, then its message is kept but the code is INTERNAL_SERVER_ERROR', () => {
    const format = createErrorFormatter({ logger: captureLogger().logger, development: true });
    const { formatted, error } = fromResolver(
      new GraphQLError('odd', { extensions: { code: 'SOMETHING_ELSE' } }),
    );
    expect(format(formatted, error)).toMatchObject({
      message: 'odd',
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    });
  });

  it('when argument validation fails, then one readable BAD_USER_INPUT names each argument path', () => {
    const format = createErrorFormatter({ logger: captureLogger().logger, development: false });
    const validation = new ArgumentValidationError([
      { property: 'first', constraints: { max: 'must be at most 100' }, children: [] },
      {
        property: 'filter',
        children: [
          {
            property: 'keyword',
            value: 'x'.repeat(201),
            constraints: { maxLength: 'must be at most 200 characters' },
          },
        ],
      },
    ]);
    const { formatted, error } = fromResolver(validation);
    const result = format(formatted, error);
    expect(result.message).toBe(
      'Invalid argument: first must be at most 100; filter.keyword must be at most 200 characters',
    );
    expect(result.extensions).toEqual({
      code: ErrorCode.BAD_USER_INPUT,
      argument: 'first',
      arguments: ['first', 'filter.keyword'],
    });
    expect(JSON.stringify(result)).not.toContain('x'.repeat(201));
  });

  it('when a constraint between two fields fails, then both argument paths are named, the constrained one first', () => {
    const format = createErrorFormatter({ logger: captureLogger().logger, development: false });
    const validation = new ArgumentValidationError([
      {
        property: 'filter',
        children: [
          {
            property: 'minSalary',
            constraints: { notAbove: 'must not be greater than maxSalary' },
            contexts: { notAbove: { related: ['maxSalary'] } },
          },
        ],
      },
    ]);
    const { formatted, error } = fromResolver(validation);
    expect(format(formatted, error)).toMatchObject({
      message: 'Invalid argument: filter.minSalary must not be greater than maxSalary',
      extensions: {
        code: ErrorCode.BAD_USER_INPUT,
        argument: 'filter.minSalary',
        arguments: ['filter.minSalary', 'filter.maxSalary'],
      },
    });
  });

  it('when a BadUserInputError names its arguments, then the extensions hold argument and arguments, never validationErrors', () => {
    expect(new BadUserInputError('x', 'after').extensions).toEqual({
      code: ErrorCode.BAD_USER_INPUT,
      argument: 'after',
      arguments: ['after'],
    });
    expect(
      new BadUserInputError('x', ['filter.locationName', 'filter.location', 'filter.locationName'])
        .extensions,
    ).toEqual({
      code: ErrorCode.BAD_USER_INPUT,
      argument: 'filter.locationName',
      arguments: ['filter.locationName', 'filter.location'],
    });
  });

  it("when the request itself is invalid (no path), then Apollo's error passes; a path-less internal error does not", () => {
    const format = createErrorFormatter({ logger: captureLogger().logger, development: false });
    const invalid = {
      message: 'Cannot query field "nope" on type "Query".',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    };
    expect(format(invalid, new GraphQLError(invalid.message))).toEqual(invalid);
    const contextFailed = {
      message: 'Context creation failed: boom',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
    expect(format(contextFailed, new GraphQLError(contextFailed.message)).message).toBe(
      INTERNAL_ERROR_MESSAGE,
    );
  });

  it('when the database cannot be reached, then DATABASE_UNAVAILABLE with a fixed message, and a warning is logged', () => {
    const { logger, lines } = captureLogger();
    const format = createErrorFormatter({ logger, development: false });
    const { formatted, error } = fromResolver(
      new mongoose.mongo.MongoNetworkError('connect ECONNREFUSED 10.0.0.5:27017'),
    );
    expect(format(formatted, error)).toEqual({
      message: 'The database is unavailable; try again later',
      path: ['jobs'],
      locations: undefined,
      extensions: { code: ErrorCode.DATABASE_UNAVAILABLE },
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 40, path: 'jobs', err: { type: 'MongoNetworkError' } });
  });
});
