/* The status badges of a job in the list and its detail. Pure: no DOM. */

import { type ChangeField, changeFieldLabel } from './changes';

export type BadgeKind = 'open' | 'closed' | 'withdrawn' | 'new' | 'changed';

export interface Badge {
  kind: BadgeKind;
  label: string;
  /** Said to screen readers and shown as a tooltip. */
  description: string;
}

export type JobStatus = 'OPEN' | 'CLOSED' | 'WITHDRAWN';

export interface BadgeSource {
  status: JobStatus;
  firstSeenAt: string;
  /** Its recorded changes (`Job.changes`); only when and what are read. */
  changes: readonly { at: string; field: ChangeField }[];
}

const STATUS_BADGES: Record<JobStatus, Badge> = {
  OPEN: { kind: 'open', label: 'Open', description: 'Applications are open' },
  CLOSED: { kind: 'closed', label: 'Closed', description: 'The closing date has passed' },
  WITHDRAWN: {
    kind: 'withdrawn',
    label: 'Withdrawn',
    description: 'No longer listed on USAJOBS before its closing date: cancelled or filled early',
  },
};

/**
 * A job's badges: its status (open, closed or withdrawn), then "new" when the most recent finished ETL run first
 * stored it, or "changed" when that run saw it change (saying what changed).
 *
 * @param lastRunStartedAt - when the most recent finished run started; null before any run
 */
export function badgesOf(job: BadgeSource, lastRunStartedAt: string | null): Badge[] {
  const badges: Badge[] = [STATUS_BADGES[job.status] ?? STATUS_BADGES.CLOSED];
  if (lastRunStartedAt === null) return badges;
  const since = Date.parse(lastRunStartedAt);
  if (Date.parse(job.firstSeenAt) >= since) {
    badges.push({ kind: 'new', label: 'New', description: 'First found by the latest run' });
    return badges;
  }
  const changed = [
    ...new Set(job.changes.filter((c) => Date.parse(c.at) >= since).map((c) => changeFieldLabel(c.field))),
  ];
  if (changed.length > 0) {
    badges.push({
      kind: 'changed',
      label: 'Changed',
      description: `Changed in the latest run: ${changed.join(', ').toLowerCase()}`,
    });
  }
  return badges;
}
