import { GraphQLError } from 'graphql';

/**
 * The stable `extensions.code` values clients may branch on. Documented in the README; pinned by tests.
 * Everything else a client sees is masked as INTERNAL_SERVER_ERROR.
 */
export const ErrorCode = {
  /** An argument is out of bounds, malformed (e.g. a cursor) or missing a required confirmation. */
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  /** An admin operation without the right bearer token. */
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  /** Authenticated, but not allowed (reserved: one admin role today). */
  FORBIDDEN: 'FORBIDDEN',
  /** The operation collides with one in progress (e.g. an ETL run already holds the lease). */
  CONFLICT: 'CONFLICT',
  /** A third party (USAJOBS) could not be reached or kept failing. */
  UPSTREAM_UNAVAILABLE: 'UPSTREAM_UNAVAILABLE',
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

export class BadUserInputError extends ClientError {
  override readonly name = 'BadUserInputError';
  readonly code = ErrorCode.BAD_USER_INPUT;

  constructor(message: string, extensions?: Record<string, unknown>) {
    super(ErrorCode.BAD_USER_INPUT, message, extensions);
  }
}

export class UnauthenticatedError extends ClientError {
  override readonly name = 'UnauthenticatedError';
  readonly code = ErrorCode.UNAUTHENTICATED;

  constructor(message = 'This operation requires the admin bearer token (Authorization: Bearer <token>)') {
    super(ErrorCode.UNAUTHENTICATED, message);
  }
}

export class ForbiddenError extends ClientError {
  override readonly name = 'ForbiddenError';
  readonly code = ErrorCode.FORBIDDEN;

  constructor(message = 'You are not allowed to perform this operation') {
    super(ErrorCode.FORBIDDEN, message);
  }
}

export class ConflictError extends ClientError {
  override readonly name = 'ConflictError';
  readonly code = ErrorCode.CONFLICT;

  constructor(message: string, extensions?: Record<string, unknown>) {
    super(ErrorCode.CONFLICT, message, extensions);
  }
}

export class UpstreamUnavailableError extends ClientError {
  override readonly name = 'UpstreamUnavailableError';
  readonly code = ErrorCode.UPSTREAM_UNAVAILABLE;

  constructor(message = 'USAJOBS is unavailable; try again later') {
    super(ErrorCode.UPSTREAM_UNAVAILABLE, message);
  }
}
