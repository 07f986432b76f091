import {
  type Job,
  type JobChange,
  JobChangeField,
  type JobStatus,
  MAX_JOB_CHANGES,
} from '../models/job.model';

/*
 * History of a posting: which changes of a stored job are recorded, and how a value reads in a change. Pure.
 */

/** The fields of a job whose changes are recorded (status apart: the run decides it). */
export type TrackedJobFields = Pick<
  Job,
  'annualSalary' | 'applicationCloseDate' | 'payPlan' | 'lowGrade' | 'highGrade' | 'positionTitle'
> & { positionLocation?: readonly unknown[] | null };

/** The projection that reads {@link TrackedJobFields} (and the history) of a stored job. */
export const TRACKED_JOB_PROJECTION = {
  annualSalary: 1,
  applicationCloseDate: 1,
  payPlan: 1,
  lowGrade: 1,
  highGrade: 1,
  positionTitle: 1,
  // Only the length counts: one short field per location instead of the whole entry.
  'positionLocation.locationName': 1,
  changes: 1,
} as const;

/**
 * How each tracked field reads in a change record.
 *
 * @param job - stored or parsed
 * @returns one text (or null for "none") per field
 */
export function trackedValues(
  job: TrackedJobFields,
): Record<Exclude<JobChangeField, 'STATUS'>, string | null> {
  const salary = job.annualSalary;
  const close = job.applicationCloseDate;
  return {
    [JobChangeField.PAY]: salary ? `${salary.min}-${salary.max}` : null,
    [JobChangeField.CLOSE_DATE]: close ? new Date(close).toISOString() : null,
    [JobChangeField.GRADES]: grades(job),
    [JobChangeField.TITLE]: job.positionTitle ?? null,
    [JobChangeField.LOCATION_COUNT]: String(job.positionLocation?.length ?? 0),
  };
}

function grades(job: TrackedJobFields): string | null {
  const low = job.lowGrade ?? null;
  const high = job.highGrade ?? null;
  const plan = job.payPlan ?? null;
  if (low === null && high === null) return plan;
  const range = low === high || high === null ? `${low}` : low === null ? `${high}` : `${low}/${high}`;
  return plan === null ? range : `${plan}-${range}`;
}

/**
 * The changes between a stored job and its new version.
 *
 * @param before - the stored values
 * @param after - the values about to be stored
 * @param at - when the run saw them
 * @returns one change per tracked field that differs, in a fixed order
 */
export function diffTracked(before: TrackedJobFields, after: TrackedJobFields, at: Date): JobChange[] {
  const from = trackedValues(before);
  const to = trackedValues(after);
  return (Object.keys(to) as (keyof typeof to)[])
    .filter((field) => from[field] !== to[field])
    .map((field) => ({ at, field, from: from[field], to: to[field] }));
}

/**
 * A status change record.
 *
 * @param from - the stored status
 * @param to - the new one
 * @param at - when the run saw it
 */
export function statusChange(
  from: JobStatus.OPEN | JobStatus.WITHDRAWN,
  to: JobStatus.OPEN | JobStatus.WITHDRAWN,
  at: Date,
): JobChange {
  return { at, field: JobChangeField.STATUS, from, to };
}

/**
 * The history with new changes appended, the oldest dropped past {@link MAX_JOB_CHANGES}.
 *
 * @param history - as stored (may be missing on jobs stored before history was kept)
 * @param added - the new changes
 */
export function appendChanges(
  history: readonly JobChange[] | null | undefined,
  added: readonly JobChange[],
): JobChange[] {
  return [...(history ?? []), ...added].slice(-MAX_JOB_CHANGES);
}
