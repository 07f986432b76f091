import { PROFILE_CHANGES_HOLDER } from './etl-lease';

/** Another ETL run holds the lease: nothing was started and nothing changed. Code `CONFLICT`. */
export class EtlConflictError extends Error {
  override readonly name = 'EtlConflictError';
  readonly code = 'CONFLICT';
  constructor(
    /** Id of the run that holds the lease, when known ({@link PROFILE_CHANGES_HOLDER}: no run, profile changes). */
    readonly runningRunId?: string,
  ) {
    super(
      runningRunId === PROFILE_CHANGES_HOLDER
        ? 'Search profile changes are being applied to the stored jobs; try again when they are done'
        : `An ETL run is already in progress${runningRunId ? ` (run ${runningRunId})` : ''}; try again when it ends`,
    );
  }
}

/** Parameters of a run are invalid: nothing was started. Code `BAD_USER_INPUT`. */
export class EtlParamsError extends Error {
  override readonly name = 'EtlParamsError';
  readonly code = 'BAD_USER_INPUT';

  /**
   * @param message - one line naming every problem
   * @param about - `profile` when the saved search asked for is the problem (unknown, or given with parameters)
   */
  constructor(
    message: string,
    readonly about?: 'profile',
  ) {
    super(message);
  }
}

/**
 * The run lost its lease half-way (another process took it over after renewals stalled): it stopped before
 * loading another page, so two runs never load at once. What it loaded before stays stored.
 */
export class EtlLeaseLostError extends Error {
  override readonly name = 'EtlLeaseLostError';

  /**
   * @param reason - why the lease was lost (from the lease)
   * @param where - where the run stopped, e.g. `before loading page 2 of the location search`
   */
  constructor(reason: string, where: string) {
    super(`stopped ${where}: ${reason}`);
  }
}

/**
 * The run was asked to stop (cancelEtlRun, or the process shutting down) and did at a page boundary: it ends
 * CANCELLED, and what it loaded before stays stored.
 */
export class EtlCancelledError extends Error {
  override readonly name = 'EtlCancelledError';

  /**
   * @param reason - who asked, in words for the run record, e.g. `cancelled by an admin (cancelEtlRun)`
   */
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** A search profile cannot be created or changed as asked (bad value, duplicate name, unknown id). Nothing changed. */
export class ProfileInputError extends Error {
  override readonly name = 'ProfileInputError';
  readonly code = 'BAD_USER_INPUT';

  /** What it is about: the profile's `id` (unknown), or the fields at fault (e.g. `name` taken, `payPlans`). */
  readonly fields: readonly string[];

  /**
   * @param message - one line naming every problem
   * @param fields - the profile's `id`, or every field the message names, in its order; none: the whole input
   */
  constructor(message: string, fields: string | readonly string[] = []) {
    super(message);
    this.fields = typeof fields === 'string' ? [fields] : [...fields];
  }
}
