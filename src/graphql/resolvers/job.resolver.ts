import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';

import { listSearchProfiles } from '../../etl/search-profiles';
import { isOpenAt, jobStatusAt } from '../../jobs/job-status';
import { deleteAllJobs, findJobById, findJobsPage } from '../../jobs/jobs.service';
import { Job, JobStatus } from '../../models/job.model';
import { SearchProfile } from '../../models/search-profile.model';
import type { GraphqlContext } from '../context';
import { BadUserInputError, toClientError } from '../errors';
import { DEFAULT_JOBS_PAGE_SIZE } from '../inputs/bounds';
import { JobArgs } from '../inputs/job.args';
import { toJobCriteria } from '../inputs/job-filter.input';
import { JobsArgs } from '../inputs/jobs.args';
import { DB_READ_COST, pageCost } from '../limits';
import { JobConnection } from '../types/job-connection.type';
import { WipeResult } from '../types/wipe-result.type';

/** Every profile, read once per request: matchedProfiles of a page of jobs costs one query, not one per job. */
const requestProfiles = new WeakMap<GraphqlContext, Promise<Map<string, SearchProfile>>>();

function profilesOfRequest(ctx: GraphqlContext): Promise<Map<string, SearchProfile>> {
  let profiles = requestProfiles.get(ctx);
  if (!profiles) {
    profiles = listSearchProfiles().then((list) => new Map(list.map((p) => [p._id, p])));
    requestProfiles.set(ctx, profiles);
  }
  return profiles;
}

@Resolver(() => Job)
export class JobResolver {
  @Query(() => JobConnection, {
    description:
      'Stored jobs that match the filter (by default the open ones), one page at a time in the chosen order ' +
      '(by default newest publicationStartDate first). first: default 20, at most 100.',
    complexity: pageCost(DEFAULT_JOBS_PAGE_SIZE),
  })
  async jobs(
    @Args() { filter, sort, first, after }: JobsArgs,
    @Ctx() ctx: GraphqlContext,
  ): Promise<JobConnection> {
    try {
      return await findJobsPage({
        filter: toJobCriteria(filter),
        sort,
        first: first ?? DEFAULT_JOBS_PAGE_SIZE,
        after,
        now: ctx.now,
      });
    } catch (error) {
      throw toClientError(error);
    }
  }

  @Query(() => Job, {
    nullable: true,
    description: 'The job with this USAJOBS control number; null when unknown.',
    complexity: DB_READ_COST,
  })
  job(@Args() { id }: JobArgs): Promise<Job | null> {
    return findJobById(id);
  }

  @FieldResolver(() => JobStatus, {
    description:
      'WITHDRAWN when a run found it withdrawn; otherwise OPEN while applicationCloseDate is in the future (as ' +
      'isOpen), CLOSED after (or without one).',
  })
  status(@Root() job: Job, @Ctx() ctx: GraphqlContext): JobStatus {
    return jobStatusAt(job, ctx.now);
  }

  @FieldResolver(() => [SearchProfile], {
    description:
      'The saved searches it fits, as of the last run of each; a deleted or changed search no longer lists it.',
  })
  async matchedProfiles(@Root() job: Job, @Ctx() ctx: GraphqlContext): Promise<SearchProfile[]> {
    const ids = job.matchedProfileIds ?? [];
    if (ids.length === 0) return [];
    const profiles = await profilesOfRequest(ctx);
    return ids.flatMap((id) => profiles.get(id) ?? []);
  }

  @FieldResolver(() => Boolean, {
    description:
      'True while applicationCloseDate is in the future (at the time of the request); false once it has passed ' +
      'or when no close date was published.',
  })
  isOpen(@Root() job: Job, @Ctx() ctx: GraphqlContext): boolean {
    return isOpenAt(job, ctx.now);
  }

  @Authorized()
  @Mutation(() => WipeResult, {
    description: 'Requires the admin bearer token and confirm: true. Deletes every stored job.',
  })
  async wipe(
    @Arg('confirm', () => Boolean, {
      description:
        'Must be true; false deletes nothing and answers BAD_USER_INPUT (a guard against an accidental call).',
    })
    confirm: boolean,
  ): Promise<WipeResult> {
    if (!confirm) {
      throw new BadUserInputError(
        'Nothing was deleted: pass confirm: true to delete every stored job',
        'confirm',
      );
    }
    return { deletedCount: await deleteAllJobs() };
  }
}
