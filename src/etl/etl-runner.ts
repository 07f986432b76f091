import type { Logger } from '../logger';
import type { EtlRun } from '../models/etl-run.model';
import { SHUTDOWN_REASON } from './run-watch';

/** What the runner hands the run it starts: its local stop signal and the "it is recorded" callback. */
export interface RunControl {
  signal: AbortSignal;
  onStarted: (run: EtlRun) => void;
}

/** Starts one run with the given control, as `runEtl` does (it must call `onStarted` once recorded). */
export type RunStarter = (control: RunControl) => Promise<EtlRun>;

/**
 * The ETL runs this process started (API, schedule): each can be waited for or left to go on in the background,
 * and all of them can be told to stop at their next page, which is what a shutdown does.
 */
export class EtlRunner {
  private readonly active = new Map<AbortController, Promise<void>>();
  /** Ids of the recorded runs still going on. */
  private readonly recordedIds = new Set<string>();
  private stopReason: string | undefined;

  /**
   * @param logger - where the failures of background runs go
   * @param onFinished - told of every run that ended (metrics)
   */
  constructor(
    private readonly logger: Logger,
    private readonly onFinished: (run: EtlRun) => void = () => undefined,
  ) {}

  /**
   * Starts a run.
   *
   * @param start - starts it (e.g. `(control) => runEtl(params, { ...options, ...control })`)
   * @param options.wait - true: resolve when the run ends; false: resolve with the RUNNING record as soon as the run
   *   is recorded, and let it go on in the background of the process (errors logged, and recorded by the run)
   * @returns the run record
   * @throws what `start` throws before the run is recorded (a conflict, bad parameters)
   */
  run(start: RunStarter, options: { wait: boolean }): Promise<EtlRun> {
    const controller = new AbortController();
    // A run asked for while the process shuts down stops at its first page.
    if (this.stopReason !== undefined) controller.abort(this.stopReason);
    let started = false;
    let markStarted: (run: EtlRun) => void = () => undefined;
    const recorded = new Promise<EtlRun>((resolve) => (markStarted = resolve));
    const finished = start({
      signal: controller.signal,
      onStarted: (run) => {
        started = true;
        this.recordedIds.add(run._id);
        markStarted(run);
      },
    });
    const settled = finished.then(
      (run) => {
        this.recordedIds.delete(run._id);
        this.onFinished(run);
      },
      (error: unknown) => {
        // Before the record exists the caller gets the error; after it, only the log can tell.
        if (started) this.logger.error({ err: error }, 'background ETL run failed');
      },
    );
    this.active.set(
      controller,
      settled.finally(() => this.active.delete(controller)),
    );
    return options.wait ? finished : Promise.race([recorded, finished]);
  }

  /** How many runs of this process are going on. */
  get running(): number {
    return this.active.size;
  }

  /** The ids of this process's runs that are recorded and not finished. */
  runIds(): string[] {
    return [...this.recordedIds];
  }

  /**
   * Tells every run of this process to stop at its next page boundary (they end CANCELLED), and every run started
   * from now on to stop at its first.
   *
   * @param reason - recorded on the runs
   */
  stopAll(reason: string = SHUTDOWN_REASON): void {
    this.stopReason ??= reason;
    for (const controller of this.active.keys()) controller.abort(this.stopReason);
  }

  /**
   * Resolves once every run of this process has ended, or when `timeoutMs` passes.
   *
   * @returns true when none is left
   */
  async idle(timeoutMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
      timer.unref();
    });
    // Runs started while waiting are waited for too.
    while (this.active.size > 0) {
      const outcome = await Promise.race([
        Promise.all(this.active.values()).then(() => 'done' as const),
        timeout.then(() => 'timeout' as const),
      ]);
      if (outcome === 'timeout') break;
    }
    clearTimeout(timer);
    return this.active.size === 0;
  }
}
