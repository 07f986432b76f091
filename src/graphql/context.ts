import type { EtlRequest } from '../etl/run-etl';
import type { Logger } from '../logger';
import type { EtlRun } from '../models/etl-run.model';
import type { EtlScheduleState } from '../scheduler/etl-scheduler';
import { bearerTokenOf, isAdminToken } from './auth';

/** Mutable notes on the answer being computed (a shallow copy of the context shares them). */
export interface AnswerNotes {
  /** The first instant (epoch ms) at which the answer stops being right as the clock moves (a job it calls open closes). */
  changesAt: number;
  /** Where the answer may be kept, when the request is one whose answer may be. */
  keepAs?: { key: string; version: number };
}

/** What every resolver gets. Holds no secret: only whether the caller proved to be the admin. */
export interface GraphqlContext {
  /** True when the request carried `Authorization: Bearer <ADMIN_TOKEN>`. */
  readonly isAdmin: boolean;
  /** The request's clock: `openOnly` and `isOpen` agree within one request. */
  readonly now: Date;
  readonly logger: Logger;
  /** Starts one ETL run and resolves to its record; throws EtlConflictError / EtlParamsError. */
  readonly runEtl: (request: EtlRequest) => Promise<EtlRun>;
  /** Starts one ETL run and resolves to its RUNNING record at once; undefined where runs cannot outlive a request. */
  readonly startEtl: ((request: EtlRequest) => Promise<EtlRun>) | undefined;
  /** The process's ETL schedule, or undefined when it has none. */
  readonly schedule: (() => EtlScheduleState) | undefined;
  /** What the answer cache (src/graphql/answer-cache.ts) learns while the answer is computed. */
  readonly answer: AnswerNotes;
}

/**
 * Builds the context of one request.
 *
 * @param deps - the admin token to check against, the logger and the ETL entry point
 * @param authorization - the request's Authorization header, if any
 */
export function createContext(
  deps: {
    adminToken: string;
    logger: Logger;
    runEtl: GraphqlContext['runEtl'];
    startEtl?: GraphqlContext['startEtl'];
    schedule?: GraphqlContext['schedule'];
  },
  authorization: string | undefined,
  now: Date = new Date(),
): GraphqlContext {
  return {
    isAdmin: isAdminToken(bearerTokenOf(authorization), deps.adminToken),
    now,
    logger: deps.logger,
    runEtl: deps.runEtl,
    startEtl: deps.startEtl,
    schedule: deps.schedule,
    answer: { changesAt: Number.POSITIVE_INFINITY },
  };
}
