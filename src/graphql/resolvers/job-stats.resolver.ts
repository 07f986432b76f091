import { Args, Ctx, Query, Resolver } from 'type-graphql';

import { computeJobStats } from '../../jobs/jobs.service';
import type { GraphqlContext } from '../context';
import { toJobCriteria } from '../inputs/job-filter.input';
import { JobStatsArgs } from '../inputs/job-stats.args';
import { STATS_COST } from '../limits';
import { JobStats } from '../types/job-stats.type';

@Resolver()
export class JobStatsResolver {
  @Query(() => JobStats, {
    description: 'Statistics over the jobs that match the filter (by default the open ones).',
    complexity: STATS_COST,
  })
  jobStats(@Args() { filter }: JobStatsArgs, @Ctx() ctx: GraphqlContext): Promise<JobStats> {
    return computeJobStats(toJobCriteria(filter), ctx.now);
  }
}
