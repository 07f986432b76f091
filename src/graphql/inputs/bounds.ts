/** Longest free-text argument accepted (keyword, location, department, ETL keyword/location). */
export const MAX_TEXT_LENGTH = 200;
/** Longest cursor accepted; real cursors are well under 200 characters. */
export const MAX_CURSOR_LENGTH = 1_000;
/** Largest page of `jobs` and `etlRuns`. */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_JOBS_PAGE_SIZE = 20;
export const DEFAULT_ETL_RUNS_PAGE_SIZE = 10;

// Messages without the property name: the error formatter prefixes the argument's full path (e.g. filter.keyword).
export const AT_MOST_CHARS = { message: 'must be at most $constraint1 characters' };
export const AT_LEAST = { message: 'must be at least $constraint1' };
export const AT_MOST = { message: 'must be at most $constraint1' };
export const NOT_BLANK = { message: 'must not be blank' };

/**
 * Highest annual salary (USD) a filter may name. Federal pay tops out well under $1M a year; a bound far above it
 * refuses only what can never match (and 1e400, which parses to Infinity).
 */
export const MAX_ANNUAL_SALARY = 10_000_000;
/**
 * Grades as USAJOBS publishes them: one or two digits within a pay plan (GS 1–15, WS up to 19, band numbers such as
 * 52); "00" means no grade and is stored as null, so 0 and anything over 99 can never match.
 */
export const GRADE_RANGE = { min: 1, max: 99 } as const;
