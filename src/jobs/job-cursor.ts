import type { Job } from '../models/job.model';
import { type JobSort, JobSortField, SortDirection } from './job-sort';
import { JobQueryError } from './jobs.errors';

/** The document path behind each sort field and the type of its values. */
export const SORT_KEYS: Readonly<Record<JobSortField, { path: string; kind: 'date' | 'number' | 'string' }>> =
  {
    [JobSortField.PUBLICATION_START_DATE]: { path: 'publicationStartDate', kind: 'date' },
    [JobSortField.APPLICATION_CLOSE_DATE]: { path: 'applicationCloseDate', kind: 'date' },
    [JobSortField.ANNUAL_SALARY_MIN]: { path: 'annualSalary.min', kind: 'number' },
    [JobSortField.ANNUAL_SALARY_MAX]: { path: 'annualSalary.max', kind: 'number' },
    [JobSortField.POSITION_TITLE]: { path: 'positionTitle', kind: 'string' },
  };

/** A value of a sort field; null when the job has none (such jobs sort last). */
export type SortValue = Date | number | string | null;

/** The position of one job in one ordering: its sort value and its id (the tie-breaker). */
export interface JobCursor {
  value: SortValue;
  id: string;
}

/** What a cursor carries on the wire, before base64url. The sort is inside so a cursor cannot be replayed on another. */
interface CursorPayload {
  f: JobSortField;
  d: SortDirection;
  v: string | number | null;
  i: string;
}

const MAX_ID_LENGTH = 200;

/**
 * Reads the sort value of a job (a lean document).
 *
 * @returns the value, or null when the job has none
 */
export function sortValueOf(
  job: Pick<Job, 'publicationStartDate' | 'applicationCloseDate' | 'annualSalary' | 'positionTitle'>,
  field: JobSortField,
): SortValue {
  switch (field) {
    case JobSortField.PUBLICATION_START_DATE:
      return job.publicationStartDate ?? null;
    case JobSortField.APPLICATION_CLOSE_DATE:
      return job.applicationCloseDate ?? null;
    case JobSortField.ANNUAL_SALARY_MIN:
      return job.annualSalary?.min ?? null;
    case JobSortField.ANNUAL_SALARY_MAX:
      return job.annualSalary?.max ?? null;
    case JobSortField.POSITION_TITLE:
      return job.positionTitle ?? null;
  }
}

/**
 * Makes the opaque cursor of a job in an ordering: base64url of a small JSON document.
 *
 * @returns a URL-safe string
 */
export function encodeCursor(sort: JobSort, cursor: JobCursor): string {
  const { value } = cursor;
  const payload: CursorPayload = {
    f: sort.field,
    d: sort.direction,
    v: value instanceof Date ? value.toISOString() : value,
    i: cursor.id,
  };
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

/**
 * Reads and validates a cursor made by `encodeCursor` for the same sort.
 *
 * @returns the position it names
 * @throws JobQueryError (argument `after`) when the cursor is not base64url JSON of the expected shape, names another sort, or
 *   carries a value of the wrong type
 */
export function decodeCursor(cursor: string, sort: JobSort): JobCursor {
  const payload = parsePayload(cursor);
  if (payload.f !== sort.field || payload.d !== sort.direction) {
    throw invalidCursor('it was made for another sort order');
  }
  return { value: sortValueFromWire(payload.v, SORT_KEYS[sort.field].kind), id: payload.i };
}

function parsePayload(cursor: string): CursorPayload {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalidCursor('it is not base64url');
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor('it is not a cursor of this API');
  }
  if (!isPayload(payload)) throw invalidCursor('it is not a cursor of this API');
  return payload;
}

function isPayload(value: unknown): value is CursorPayload {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const p = value as Record<string, unknown>;
  return (
    Object.keys(p).length === 4 &&
    Object.values<unknown>(JobSortField).includes(p.f) &&
    Object.values<unknown>(SortDirection).includes(p.d) &&
    (p.v === null || typeof p.v === 'string' || typeof p.v === 'number') &&
    typeof p.i === 'string' &&
    p.i.length > 0 &&
    p.i.length <= MAX_ID_LENGTH
  );
}

function sortValueFromWire(v: string | number | null, kind: 'date' | 'number' | 'string'): SortValue {
  if (v === null) return null;
  switch (kind) {
    case 'date': {
      const date = typeof v === 'string' ? new Date(v) : new Date(Number.NaN);
      // Only the exact form encodeCursor writes: a round trip must give the same string.
      if (Number.isNaN(date.getTime()) || date.toISOString() !== v)
        throw invalidCursor('its value is not a date');
      return date;
    }
    case 'number':
      if (typeof v !== 'number' || !Number.isFinite(v)) throw invalidCursor('its value is not a number');
      return v;
    case 'string':
      if (typeof v !== 'string') throw invalidCursor('its value is not text');
      return v;
  }
}

function invalidCursor(why: string): JobQueryError {
  return new JobQueryError(
    `Invalid cursor in "after": ${why}. Use the endCursor of a previous page.`,
    'after',
  );
}
