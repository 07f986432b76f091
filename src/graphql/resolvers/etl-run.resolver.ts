import { Args, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';

import { requestEtlRunCancel } from '../../etl/cancel-run';
import type { EtlParams } from '../../etl/params';
import { EtlRun, EtlRunModel, EtlTrigger } from '../../models/etl-run.model';
import type { GraphqlContext } from '../context';
import { BadUserInputError, toClientError } from '../errors';
import { DEFAULT_ETL_RUNS_PAGE_SIZE } from '../inputs/bounds';
import type { EtlParamsInput } from '../inputs/etl-params.input';
import { EtlRunArgs } from '../inputs/etl-run.args';
import { EtlRunsArgs } from '../inputs/etl-runs.args';
import { RunEtlArgs } from '../inputs/run-etl.args';
import { DB_READ_COST, ETL_RUN_COST, pageCost } from '../limits';
import { EtlSchedule } from '../types/etl-schedule.type';

@Resolver(() => EtlRun)
export class EtlRunResolver {
  @Query(() => [EtlRun], {
    description:
      'The ETL run history: the latest runs, newest first, RUNNING ones included. first: default 10, at most 100.',
    complexity: pageCost(DEFAULT_ETL_RUNS_PAGE_SIZE),
  })
  etlRuns(@Args() { first }: EtlRunsArgs): Promise<EtlRun[]> {
    return EtlRunModel.find()
      .sort({ startedAt: -1, _id: -1 })
      .limit(first ?? DEFAULT_ETL_RUNS_PAGE_SIZE)
      .lean<EtlRun[]>();
  }

  @Query(() => EtlRun, {
    nullable: true,
    description: 'One run; while it runs, its counts and `progress` move at every page. Null when unknown.',
    complexity: DB_READ_COST,
  })
  etlRun(@Args() { id }: EtlRunArgs): Promise<EtlRun | null> {
    return EtlRunModel.findById(id).lean<EtlRun>();
  }

  @Query(() => EtlSchedule, {
    description: 'The ETL schedule of the process that answers, and the latest scheduled run of any.',
    complexity: DB_READ_COST,
  })
  async etlSchedule(@Ctx() ctx: GraphqlContext): Promise<EtlSchedule> {
    const state = ctx.schedule?.();
    const lastScheduledRun = await EtlRunModel.findOne({ trigger: EtlTrigger.SCHEDULE })
      .sort({ startedAt: -1, _id: -1 })
      .lean<EtlRun>();
    return {
      cron: state?.cron ?? null,
      timezone: state?.timezone ?? 'UTC',
      nextRunAt: state?.nextRunAt ?? null,
      lastScheduledRun,
    };
  }

  @Authorized()
  @Mutation(() => EtlRun, {
    description:
      'Requires the admin bearer token. Runs one ETL: with params an ad-hoc search, with profile that saved ' +
      'search, with neither every enabled saved search. Returns its record when it ends, or at once with ' +
      'wait: false. USAJOBS failures are not errors: the run comes back FAILED or PARTIAL with the reasons in `errors`.',
    complexity: ETL_RUN_COST,
  })
  async runEtl(@Args() { params, profile, wait }: RunEtlArgs, @Ctx() ctx: GraphqlContext): Promise<EtlRun> {
    const start = wait === false ? ctx.startEtl : ctx.runEtl;
    if (!start) {
      throw new BadUserInputError(
        'wait: false is not available here: runs end with the request (use wait: true)',
        'wait',
      );
    }
    try {
      return await start(profile == null ? toEtlParams(params) : { ...toEtlParams(params), profile });
    } catch (error) {
      // USAJOBS failures never get here: the run records them and ends FAILED or PARTIAL, returned as data.
      throw toClientError(error, 'params');
    }
  }

  @Authorized()
  @Mutation(() => EtlRun, {
    description:
      'Requires the admin bearer token. Asks a run to stop at its next page boundary, from any replica: it ends ' +
      'CANCELLED and what it loaded stays. Returns the record at once (still RUNNING, with cancelRequestedAt); a ' +
      'finished run is returned unchanged.',
  })
  async cancelEtlRun(@Args() { id }: EtlRunArgs): Promise<EtlRun> {
    const run = await requestEtlRunCancel(id);
    if (!run) throw new BadUserInputError(`There is no ETL run with id ${id}`, 'id');
    return run;
  }
}

/** Unset (null or absent) fields are left out, so the ETL fills in its own defaults. */
function toEtlParams(input: EtlParamsInput | null | undefined): Partial<EtlParams> {
  return Object.fromEntries(
    Object.entries(input ?? {}).filter(([, value]) => value != null),
  ) as Partial<EtlParams>;
}
