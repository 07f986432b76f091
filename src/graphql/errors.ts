import { GraphQLError } from 'graphql';

import { codeOf } from '../errors';
import { EtlConflictError, EtlParamsError } from '../etl/etl.errors';
import { ProfileInputError } from '../etl/etl.errors';
import { JobQueryError } from '../jobs/jobs.errors';

/**
 * The stable `extensions.code` values clients may branch on. Documented in the README; pinned by tests.
 * Everything else a client sees is masked as INTERNAL_SERVER_ERROR.
 */
export const ErrorCode = {
  /**
   * An argument is out of bounds, malformed (e.g. a cursor) or missing a required confirmation; `extensions.argument`
   * and `extensions.arguments` name it (see {@link argumentExtensions}).
   */
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  /** An admin operation without the right bearer token. */
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  /** The operation collides with one in progress (e.g. an ETL run already holds the lease). */
  CONFLICT: 'CONFLICT',
  /** `runEtl` on a server without USAJOBS credentials: no run started; the message names the variables to set. */
  USAJOBS_CREDENTIALS_MISSING: 'USAJOBS_CREDENTIALS_MISSING',
  /** The database does not answer (HTTP 503); nothing was read or changed. Worth retrying later. */
  DATABASE_UNAVAILABLE: 'DATABASE_UNAVAILABLE',
  /** The operation nests fields deeper than MAX_QUERY_DEPTH (HTTP 400; see src/graphql/limits.ts). */
  QUERY_TOO_DEEP: 'QUERY_TOO_DEEP',
  /** The operation would cost more than MAX_QUERY_COST, list sizes counted (HTTP 400). */
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  /** The operation uses more than MAX_ALIASES aliases (HTTP 400). */
  TOO_MANY_ALIASES: 'TOO_MANY_ALIASES',
  /** No answer within the request deadline (HTTP 503); a mutation may still complete. */
  REQUEST_TIMEOUT: 'REQUEST_TIMEOUT',
  /** Anything unexpected; details are logged, never sent (outside development). */
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/**
 * The one base of every error the API reports on purpose. Its message is meant for the client and is never masked;
 * anything that is not a `ClientError` (or one of Apollo's own request errors) is masked by `formatError`.
 */
export abstract class ClientError extends GraphQLError {
  abstract readonly code: ErrorCode;

  protected constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
  }
}

/**
 * The extensions of every BAD_USER_INPUT, whatever refused the input (argument bounds, a cursor, the ETL, graphql-js
 * variable coercion): `argument` is the path of the argument at fault (`first`, `filter.minSalary`, `params`),
 * `arguments` every argument path involved, that one first (`['filter.minSalary', 'filter.maxSalary']`).
 *
 * @param paths - argument paths in the order to report them; duplicates are dropped; at least one
 */
export function argumentExtensions(paths: readonly string[]): { argument: string; arguments: string[] } {
  const unique = [...new Set(paths)];
  if (unique.length === 0) throw new RangeError('a BAD_USER_INPUT names at least one argument');
  return { argument: unique[0]!, arguments: unique };
}

/** An argument the client can correct. Its message names the argument; its extensions say which, as paths. */
export class BadUserInputError extends ClientError {
  override readonly name = 'BadUserInputError';
  readonly code = ErrorCode.BAD_USER_INPUT;

  /**
   * @param message - one readable line naming the argument and what is wrong with it
   * @param argumentPaths - the argument at fault, or all involved with it first (see {@link argumentExtensions})
   */
  constructor(message: string, argumentPaths: string | readonly string[]) {
    super(
      ErrorCode.BAD_USER_INPUT,
      message,
      argumentExtensions(typeof argumentPaths === 'string' ? [argumentPaths] : argumentPaths),
    );
  }
}

export class UnauthenticatedError extends ClientError {
  override readonly name = 'UnauthenticatedError';
  readonly code = ErrorCode.UNAUTHENTICATED;

  constructor(message = 'This operation requires the admin bearer token (Authorization: Bearer <token>)') {
    super(ErrorCode.UNAUTHENTICATED, message);
  }
}

export class ConflictError extends ClientError {
  override readonly name = 'ConflictError';
  readonly code = ErrorCode.CONFLICT;

  constructor(message: string, extensions?: Record<string, unknown>) {
    super(ErrorCode.CONFLICT, message, extensions);
  }
}

export class CredentialsMissingError extends ClientError {
  override readonly name = 'CredentialsMissingError';
  readonly code = ErrorCode.USAJOBS_CREDENTIALS_MISSING;

  constructor(message: string) {
    super(ErrorCode.USAJOBS_CREDENTIALS_MISSING, message);
  }
}

export class DatabaseUnavailableError extends ClientError {
  override readonly name = 'DatabaseUnavailableError';
  readonly code = ErrorCode.DATABASE_UNAVAILABLE;

  constructor(message = 'The database is unavailable; try again later') {
    super(ErrorCode.DATABASE_UNAVAILABLE, message);
  }
}

/** The codes of {@link QueryLimitError}: one per limit of src/graphql/limits.ts. */
export type QueryLimitCode =
  typeof ErrorCode.QUERY_TOO_DEEP | typeof ErrorCode.QUERY_TOO_COMPLEX | typeof ErrorCode.TOO_MANY_ALIASES;

/** An operation over one of the query limits; rejected with HTTP 400 before any resolver runs. */
export class QueryLimitError extends ClientError {
  override readonly name = 'QueryLimitError';
  readonly code: QueryLimitCode;

  /**
   * @param code - which limit
   * @param message - one readable line naming the limit and the operation's figure
   * @param figures - the limit and what the operation reached, sent as `extensions.limit` / `extensions.actual`
   */
  constructor(code: QueryLimitCode, message: string, figures: { limit: number; actual: number }) {
    // `http` is read (and removed from the response) by Apollo: it sets the status of the whole response.
    super(code, message, { ...figures, http: { status: 400 } });
    this.code = code;
  }
}

/**
 * Turns the errors the layers below report on purpose into client errors that keep their meaning; anything else is
 * returned as it is (masked and logged by the error formatter).
 *
 * @param error - anything a resolver caught
 * @param argument - the argument an EtlParamsError or a ProfileInputError is about when it does not say which, e.g.
 *   `params`, `input`
 */
export function toClientError(error: unknown, argument = 'params'): unknown {
  if (error instanceof JobQueryError) return new BadUserInputError(error.message, error.argument);
  if (error instanceof EtlParamsError) return new BadUserInputError(error.message, error.about ?? argument);
  if (error instanceof EtlConflictError) {
    return new ConflictError(error.message, error.runningRunId ? { runningRunId: error.runningRunId } : {});
  }
  // The USAJOBS client refuses to be built (before any run exists); its one line names variables, never values.
  if (codeOf(error) === ErrorCode.USAJOBS_CREDENTIALS_MISSING)
    return new CredentialsMissingError((error as Error).message);
  if (error instanceof ProfileInputError) {
    // `id` is an argument of its own; a field is one of the input's (`input.name`), so a form can mark it.
    const paths = error.fields.map((field) => (field === 'id' ? 'id' : `${argument}.${field}`));
    return new BadUserInputError(error.message, paths.length > 0 ? paths : argument);
  }
  return error;
}
