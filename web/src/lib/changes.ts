/* How a job's recorded changes (`Job.changes`) read in the dashboard. Pure: no DOM. */

import { formatCount, formatDay, formatPayRange } from './format';

/** `JobChangeField` of the API. */
export type ChangeField = 'PAY' | 'CLOSE_DATE' | 'GRADES' | 'TITLE' | 'LOCATION_COUNT' | 'STATUS';

export interface JobChange {
  at: string;
  field: ChangeField;
  from: string | null;
  to: string | null;
}

const LABELS: Record<ChangeField, string> = {
  PAY: 'Annual pay',
  CLOSE_DATE: 'Closing date',
  GRADES: 'Grades',
  TITLE: 'Title',
  LOCATION_COUNT: 'Number of places',
  STATUS: 'Status',
};

/** e.g. "Annual pay"; an unknown field (a newer API) as the API names it. */
export function changeFieldLabel(field: string): string {
  return LABELS[field as ChangeField] ?? field;
}

/**
 * A value of a change as a person reads it: pay ("min-max" US dollars a year) as a range, the closing date (ISO) as a
 * day, a status in words; "none" for a value that was not there.
 */
export function formatChangeValue(field: string, value: string | null): string {
  if (value === null || value === '') return 'none';
  switch (field) {
    case 'PAY': {
      const match = /^(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)$/.exec(value);
      return match ? formatPayRange({ min: Number(match[1]), max: Number(match[2]) }) : value;
    }
    case 'CLOSE_DATE':
      return Number.isNaN(Date.parse(value)) ? value : formatDay(value);
    case 'LOCATION_COUNT':
      return /^\d+$/.test(value) ? formatCount(Number(value)) : value;
    case 'STATUS':
      return value.charAt(0) + value.slice(1).toLowerCase();
    default:
      return value;
  }
}

/** The history newest first, as the detail shows it (the API keeps it oldest first). */
export function newestFirst<T extends { at: string }>(changes: readonly T[]): T[] {
  return changes
    .map((change, index) => ({ change, index }))
    .sort((a, b) => Date.parse(b.change.at) - Date.parse(a.change.at) || b.index - a.index)
    .map(({ change }) => change);
}
