/** Another ETL run holds the lease: nothing was started and nothing changed. Code `CONFLICT`. */
export class EtlConflictError extends Error {
  override readonly name = 'EtlConflictError';
  readonly code = 'CONFLICT';
  constructor(
    /** Id of the run that holds the lease, when known. */
    readonly runningRunId?: string,
  ) {
    super(
      `An ETL run is already in progress${runningRunId ? ` (run ${runningRunId})` : ''}; try again when it ends`,
    );
  }
}

/** Parameters of a run are invalid: nothing was started. Code `BAD_USER_INPUT`. */
export class EtlParamsError extends Error {
  override readonly name = 'EtlParamsError';
  readonly code = 'BAD_USER_INPUT';
}
