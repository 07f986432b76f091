/**
 * Stable codes of {@link UsajobsError}:
 * - `UPSTREAM_UNAVAILABLE`: USAJOBS kept failing (429, 5xx, timeouts, connection errors, unreadable bodies) until
 *   the attempts ran out. Worth trying again later.
 * - `USAJOBS_AUTH_FAILED`: 401/403; the API key or the registered e-mail (User-Agent) is wrong. Never retried.
 * - `USAJOBS_BAD_REQUEST`: any other 4xx; the query is at fault. Never retried.
 * - `USAJOBS_BAD_RESPONSE`: a readable JSON body that is not a search response (the contract changed).
 */
export type UsajobsErrorCode =
  'UPSTREAM_UNAVAILABLE' | 'USAJOBS_AUTH_FAILED' | 'USAJOBS_BAD_REQUEST' | 'USAJOBS_BAD_RESPONSE';

/** Where a USAJOBS failure happened. */
export interface UsajobsErrorContext {
  /** Method and path, e.g. `GET /api/Search`; never the query string or headers. */
  endpoint: string;
  /** 1-based page being read. */
  page: number;
  /** 1-based attempt that failed last. */
  attempt: number;
  /** HTTP status of the last response, when there was one. */
  status?: number;
  /** The underlying failure, stripped of request headers (see the client). */
  cause?: unknown;
}

/** A USAJOBS request failed for good. Its message names endpoint, page and attempt and never holds the API key. */
export class UsajobsError extends Error {
  override readonly name = 'UsajobsError';
  readonly code: UsajobsErrorCode;
  readonly endpoint: string;
  readonly page: number;
  readonly attempt: number;
  readonly status?: number;

  /**
   * @param code - stable code (see {@link UsajobsErrorCode})
   * @param message - one readable line; callers must not put secrets in it
   * @param context - endpoint, page, attempt, status and cause
   */
  constructor(code: UsajobsErrorCode, message: string, context: UsajobsErrorContext) {
    super(message, context.cause === undefined ? undefined : { cause: context.cause });
    this.code = code;
    this.endpoint = context.endpoint;
    this.page = context.page;
    this.attempt = context.attempt;
    if (context.status !== undefined) this.status = context.status;
  }
}

/** Where USAJOBS API keys are requested (self-service; the key is e-mailed). */
export const USAJOBS_API_REQUEST_URL = 'https://developer.usajobs.gov/apirequest/';

/** Environment variables that carry the credentials, with the aliases the config accepts. */
const CREDENTIAL_VARIABLES = {
  USAJOBS_API_KEY: 'USAJOBS_API_KEY (or API_KEY) to your USAJOBS API key',
  USAJOBS_USER_AGENT: 'USAJOBS_USER_AGENT (or API_USER) to the e-mail address registered with that key',
} as const;

/** Name of a credential variable that can be missing. */
export type CredentialVariable = keyof typeof CREDENTIAL_VARIABLES;

/**
 * The USAJOBS API key or the registered e-mail is not configured: nothing can be fetched. Code
 * `USAJOBS_CREDENTIALS_MISSING`; the message is one line saying what to set and where to get a key.
 */
export class MissingCredentialsError extends Error {
  override readonly name = 'MissingCredentialsError';
  readonly code = 'USAJOBS_CREDENTIALS_MISSING';

  /**
   * @param missing - the variables that are not set (at least one)
   */
  constructor(readonly missing: readonly CredentialVariable[]) {
    const what = missing.map((name) => CREDENTIAL_VARIABLES[name]).join(' and ');
    super(
      `USAJOBS credentials missing: set ${what}; request a key with the API Request form at ${USAJOBS_API_REQUEST_URL}`,
    );
  }
}
