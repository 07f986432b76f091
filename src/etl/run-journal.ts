import { type Job, type JobChange, JobChangeField, JobStatus } from '../models/job.model';

/** What a run did to a job, as a job seeker reads it. */
export enum TouchedJobKind {
  /** The run stored it for the first time. */
  NEW = 'NEW',
  /** The run recorded changes of it (pay, close date, grades, title, locations, or WITHDRAWN → OPEN). */
  CHANGED = 'CHANGED',
  /** The run marked it WITHDRAWN. */
  WITHDRAWN = 'WITHDRAWN',
}

/** One job a run inserted, changed or withdrew, as the run left it. */
export interface TouchedJob {
  /** Control number. */
  id: string;
  kind: TouchedJobKind;
  /** The changes this run recorded, oldest first (empty for a new job). */
  changes: JobChange[];
  /** The search profiles it matches after the run. */
  profileIds: string[];
  positionTitle: string;
  organizationName: string | null;
  departmentName: string | null;
  /** Where, in one line (USAJOBS PositionLocationDisplay, else the location names). */
  location: string | null;
  /** Pay in US dollars a year; null when it could not be annualized or is not published. */
  annualSalary: { min: number; max: number } | null;
  unpaid: boolean;
  applicationCloseDate: Date | null;
  positionUri: string;
}

/** The fields of a job a journal entry keeps (what a stored job's rewrite reads, or a parsed job). */
export type JournaledJobFields = Pick<Job, 'positionTitle' | 'positionUri'> &
  Partial<
    Pick<
      Job,
      | 'organizationName'
      | 'departmentName'
      | 'positionLocationDisplay'
      | 'annualSalary'
      | 'unpaid'
      | 'applicationCloseDate'
    >
  > & { positionLocation?: readonly { locationName: string }[] | null };

/** Location names a summary spells out before "and N more". */
const LOCATIONS_NAMED = 3;

/**
 * What one run did to the jobs it wrote: each job it inserted or recorded a change of, with the profiles it matches
 * once the run wrote it last. Filled by the loader after each acknowledged write, so it holds exactly what is
 * stored; a write of profile matches alone updates an entry but never adds one. Kept in memory: it belongs to the
 * process that ran the run (a summary of a few hundred bytes a job).
 */
export class RunJournal {
  private readonly entries = new Map<string, Entry>();
  /**
   * One copy of each text and of each list of profiles: a first run journals every job it stores (50,000 in the
   * benchmark), and agencies, departments, places, titles and profile lists repeat. With the entries built as fixed
   * shapes (not spread), a job costs about a third of what it did (test/unit/run-journal.test.ts).
   */
  private readonly texts = new Map<string, string>();
  private readonly profileLists = new Map<string, string[]>();

  /**
   * Records one acknowledged write of a job.
   *
   * @param write.inserted - the write stored the job for the first time
   * @param write.changes - the changes the write recorded (none for a new job)
   * @param write.profiles - the profile matches the job has after the write
   * @param write.job - its fields after the write
   */
  wrote(write: {
    id: string;
    inserted: boolean;
    changes: readonly JobChange[];
    profiles: readonly string[];
    job: JournaledJobFields;
  }): void {
    const known = this.entries.get(write.id);
    if (!known && !write.inserted && write.changes.length === 0) return;
    const job = write.job;
    const salary = job.annualSalary;
    const changes =
      write.changes.length === 0
        ? (known?.changes ?? NO_CHANGES)
        : [...(known?.changes ?? []), ...write.changes];
    const entry: Entry = {
      id: write.id,
      positionTitle: this.text(job.positionTitle),
      organizationName: this.textOrNull(job.organizationName),
      departmentName: this.textOrNull(job.departmentName),
      location: this.textOrNull(job.positionLocationDisplay ?? locationNames(job.positionLocation ?? [])),
      annualSalary: salary ? { min: salary.min, max: salary.max } : null,
      unpaid: job.unpaid === true,
      applicationCloseDate: job.applicationCloseDate ? new Date(job.applicationCloseDate) : null,
      positionUri: job.positionUri,
      inserted: (known?.inserted ?? false) || write.inserted,
      changes,
      profileIds: this.profiles(write.profiles),
    };
    this.entries.set(write.id, entry);
  }

  /** How many jobs the run inserted, changed or withdrew so far. */
  get size(): number {
    return this.entries.size;
  }

  /** The jobs the run inserted, changed or withdrew, in the order it first wrote them. */
  touched(): TouchedJob[] {
    return [...this.entries.values()].map(({ inserted, ...job }) => ({
      ...job,
      changes: [...job.changes],
      profileIds: [...job.profileIds],
      kind: kindOf(inserted, job.changes),
    }));
  }

  private text(value: string): string {
    const known = this.texts.get(value);
    if (known !== undefined) return known;
    this.texts.set(value, value);
    return value;
  }

  private textOrNull(value: string | null | undefined): string | null {
    return value === null || value === undefined ? null : this.text(value);
  }

  private profiles(ids: readonly string[]): string[] {
    const key = ids.join('\n');
    let list = this.profileLists.get(key);
    if (!list) {
      list = [...ids];
      this.profileLists.set(key, list);
    }
    return list;
  }
}

/** What the journal keeps of a job: shared texts and lists, never modified once stored. */
type Entry = Omit<TouchedJob, 'kind'> & { inserted: boolean };

/** The changes of a job that has none: one array for all of them. */
const NO_CHANGES: JobChange[] = [];

/** NEW wins (a new job has no history); then WITHDRAWN when the run's last status change withdrew it. */
function kindOf(inserted: boolean, changes: readonly JobChange[]): TouchedJobKind {
  if (inserted) return TouchedJobKind.NEW;
  const status = changes.filter((change) => change.field === JobChangeField.STATUS).at(-1);
  return status?.to === JobStatus.WITHDRAWN ? TouchedJobKind.WITHDRAWN : TouchedJobKind.CHANGED;
}

function locationNames(locations: readonly { locationName: string }[]): string | null {
  const names = [...new Set(locations.map((location) => location.locationName))];
  if (names.length === 0) return null;
  const more = names.length - LOCATIONS_NAMED;
  return names.slice(0, LOCATIONS_NAMED).join('; ') + (more > 0 ? ` and ${more} more` : '');
}
