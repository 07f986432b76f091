import { unwrapResolverError } from '@apollo/server/errors';
import type { ValidationError } from 'class-validator';
import type { GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';

import { isDatabaseUnavailableError } from '../db/db-errors';
import type { Logger } from '../logger';
import { argumentExtensions, ClientError, DatabaseUnavailableError, ErrorCode } from './errors';
import { argumentPathsOfVariableError } from './variable-arguments';

/** Codes Apollo and graphql-js give errors of the request itself (parse, validation, variable coercion). */
const REQUEST_ERROR_CODES: ReadonlySet<unknown> = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

export const INTERNAL_ERROR_MESSAGE = 'Internal server error';

/** One problem of a rejected argument, without the rejected value (it may be huge or sensitive). */
export interface ArgumentProblem {
  /** Dotted path of the argument, e.g. `filter.keyword`. */
  path: string;
  messages: string[];
  /** Paths of the other arguments the problem involves, e.g. `filter.maxSalary` for `filter.minSalary`. */
  related: string[];
}

/** What a class-validator constraint of ours may carry as `context`: the sibling fields it compares with. */
export interface RelatedArgumentsContext {
  related: readonly string[];
}

/**
 * Makes Apollo's `formatError`: client errors pass unchanged, type-graphql's validation errors become one readable
 * BAD_USER_INPUT, an unreachable database becomes DATABASE_UNAVAILABLE, and everything else is logged and masked.
 * Every BAD_USER_INPUT leaves with the argument paths of `argumentExtensions` (variables that did not coerce too).
 * No answer carries a stack trace, in any mode: a stack (with absolute paths) goes to the log only.
 *
 * @param options.development - when true, masked errors keep their message (their stack is in the log line)
 * @returns a function for `new ApolloServer({ formatError })`; never throws
 */
export function createErrorFormatter(options: {
  logger: Logger;
  development: boolean;
}): (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError {
  const { logger, development } = options;
  const format = formatterOf(logger, development);
  return (formatted, error) => withoutStacktrace(format(formatted, error));
}

function formatterOf(
  logger: Logger,
  development: boolean,
): (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError {
  return (formatted, error) => {
    const original = unwrapResolverError(error);
    if (original instanceof ClientError) {
      logger.debug({ err: original, code: original.code }, 'GraphQL client error');
      return formatted;
    }
    if (original instanceof ArgumentValidationError) {
      const problems = describeValidationErrors(validationErrorsOf(original));
      const paths = problems.flatMap((p) => [p.path, ...p.related]);
      return {
        message: validationMessage(problems),
        locations: formatted.locations,
        path: formatted.path,
        extensions: {
          code: ErrorCode.BAD_USER_INPUT,
          ...(paths.length > 0 ? argumentExtensions(paths) : {}),
        },
      };
    }
    if (isDatabaseUnavailableError(original)) {
      // Expected while the database is down; the driver's message (hosts, topology) stays in the log.
      logger.warn(
        { err: original, path: formatted.path?.join('.') },
        'database unavailable in a GraphQL operation',
      );
      const { message, extensions } = new DatabaseUnavailableError();
      return { message, locations: formatted.locations, path: formatted.path, extensions };
    }
    // Errors of the request itself (bad syntax, unknown field, wrong variable type) never reach a resolver: no path.
    if (formatted.path === undefined && REQUEST_ERROR_CODES.has(formatted.extensions?.code)) {
      logger.debug({ err: original, code: formatted.extensions?.code }, 'GraphQL request refused');
      return formatted.extensions?.code === ErrorCode.BAD_USER_INPUT
        ? withArgumentPaths(formatted, error)
        : formatted;
    }

    logger.error(
      { err: original, path: formatted.path?.join('.') },
      'unexpected error in a GraphQL operation',
    );
    if (development) {
      return { ...formatted, extensions: { ...formatted.extensions, code: ErrorCode.INTERNAL_SERVER_ERROR } };
    }
    return {
      message: INTERNAL_ERROR_MESSAGE,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}

/** Drops `extensions.stacktrace`, whoever put it there (Apollo's option, a plugin, a thrown error's extensions). */
function withoutStacktrace(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (formatted.extensions === undefined || !('stacktrace' in formatted.extensions)) return formatted;
  const { stacktrace: _stacktrace, ...extensions } = formatted.extensions;
  return { ...formatted, extensions };
}

/** A variable that did not coerce (graphql-js names the variable) gets the argument paths it was passed for. */
function withArgumentPaths(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const paths = argumentPathsOfVariableError(error);
  if (paths.length === 0) return formatted;
  return { ...formatted, extensions: { ...formatted.extensions, ...argumentExtensions(paths) } };
}

/**
 * Flattens class-validator's nested errors into one entry per argument path.
 *
 * @returns e.g. `[{ path: 'filter.keyword', messages: ['must be at most 200 characters'], related: [] }]`
 */
export function describeValidationErrors(errors: readonly ValidationError[], parent = ''): ArgumentProblem[] {
  return errors.flatMap((e) => {
    const path = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((m) => stripProperty(m, e.property));
    const related = Object.values<Partial<RelatedArgumentsContext>>(e.contexts ?? {})
      .flatMap((context) => context.related ?? [])
      .map((name) => (parent ? `${parent}.${name}` : name));
    const mine = own.length > 0 ? [{ path, messages: own, related }] : [];
    return [...mine, ...describeValidationErrors(e.children ?? [], path)];
  });
}

/** e.g. `Invalid argument: first must be at most 100; filter.keyword must be at most 200 characters`. */
export function validationMessage(problems: readonly ArgumentProblem[]): string {
  if (problems.length === 0) return 'Invalid argument';
  return `Invalid argument: ${problems.map((p) => p.messages.map((m) => `${p.path} ${m}`).join('; ')).join('; ')}`;
}

function validationErrorsOf(error: ArgumentValidationError): ValidationError[] {
  const list = error.extensions.validationErrors;
  return Array.isArray(list) ? (list as ValidationError[]) : [];
}

/** Our bound messages start with the verb ("must be ..."); class-validator's defaults start with the property. */
function stripProperty(message: string, property: string): string {
  return message.startsWith(`${property} `) ? message.slice(property.length + 1) : message;
}
