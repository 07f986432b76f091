import { type EtlRun, EtlTrigger } from '../models/etl-run.model';
import { runEtl, type RunEtlOptions } from './run-etl';

/** How a scheduled run is started: everything of a run but its trigger, which is SCHEDULE. */
export type ScheduledRunOptions = Omit<RunEtlOptions, 'trigger'>;

/**
 * The run one schedule tick starts, wherever the tick comes from: the in-process scheduler (src/scheduler/) and the
 * Lambda `etlHandler` (an EventBridge schedule) both call this: one run over every enabled saved search (the
 * default one is created when none is stored).
 *
 * @param options - logger, client factory, lease TTL, and the tick (`scheduledFor`) the run belongs to
 * @returns the finished run record
 * @throws EtlConflictError when another run holds the lease (the tick is then skipped)
 */
export function runScheduledEtl(options: ScheduledRunOptions): Promise<EtlRun> {
  return runEtl({}, { ...options, trigger: EtlTrigger.SCHEDULE });
}
