/* The status badges of a job in the list and its detail. Pure: no DOM. */

export type BadgeKind = 'open' | 'closed' | 'withdrawn' | 'new' | 'changed';

export interface Badge {
  kind: BadgeKind;
  label: string;
  /** Said to screen readers and shown as a tooltip. */
  description: string;
}

export interface BadgeSource {
  isOpen: boolean;
  firstSeenAt: string;
}

/**
 * A job's badges: open or closed (the close date), and "new" when the most recent finished ETL run first stored it.
 *
 * @param lastRunStartedAt - when the most recent finished run started; null before any run
 */
export function badgesOf(job: BadgeSource, lastRunStartedAt: string | null): Badge[] {
  const badges: Badge[] = [
    job.isOpen
      ? { kind: 'open', label: 'Open', description: 'Applications are open' }
      : { kind: 'closed', label: 'Closed', description: 'The closing date has passed' },
  ];
  if (lastRunStartedAt !== null && Date.parse(job.firstSeenAt) >= Date.parse(lastRunStartedAt)) {
    badges.push({ kind: 'new', label: 'New', description: 'First found by the latest run' });
  }
  return badges;
}
