import { Args, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';

import type { EtlParams } from '../../etl/params';
import { EtlRun, EtlRunModel } from '../../models/etl-run.model';
import type { GraphqlContext } from '../context';
import { toClientError } from '../errors';
import { DEFAULT_ETL_RUNS_PAGE_SIZE } from '../inputs/bounds';
import type { EtlParamsInput } from '../inputs/etl-params.input';
import { EtlRunsArgs } from '../inputs/etl-runs.args';
import { RunEtlArgs } from '../inputs/run-etl.args';
import { ETL_RUN_COST, pageCost } from '../limits';

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

  @Authorized()
  @Mutation(() => EtlRun, {
    description:
      'Requires the admin bearer token. Runs one ETL and returns its record when it ends. USAJOBS failures are ' +
      'not errors: the run comes back FAILED or PARTIAL with the reasons in `errors`.',
    complexity: ETL_RUN_COST,
  })
  async runEtl(@Args() { params }: RunEtlArgs, @Ctx() ctx: GraphqlContext): Promise<EtlRun> {
    try {
      return await ctx.runEtl(toEtlParams(params));
    } catch (error) {
      // USAJOBS failures never get here: the run records them and ends FAILED or PARTIAL, returned as data.
      throw toClientError(error, 'params');
    }
  }
}

/** Unset (null or absent) fields are left out, so the ETL fills in its own defaults. */
function toEtlParams(input: EtlParamsInput | null | undefined): Partial<EtlParams> {
  return Object.fromEntries(
    Object.entries(input ?? {}).filter(([, value]) => value != null),
  ) as Partial<EtlParams>;
}
