import { type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';
import {
  Arg,
  Args,
  Authorized,
  Ctx,
  FieldResolver,
  Info,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';

import { listSearchProfiles } from '../../etl/search-profiles';
import { isOpenAt, jobStatusAt } from '../../jobs/job-status';
import { deleteAllJobs, findJobById, findJobsPage } from '../../jobs/jobs.service';
import { lastSeenAtOf, latestSightings } from '../../jobs/last-seen';
import { Job, JobStatus } from '../../models/job.model';
import { SearchProfile } from '../../models/search-profile.model';
import { answerChangesAt } from '../answer-cache';
import type { GraphqlContext } from '../context';
import { BadUserInputError, toClientError } from '../errors';
import { DEFAULT_JOBS_PAGE_SIZE } from '../inputs/bounds';
import { JobArgs } from '../inputs/job.args';
import { toJobCriteria } from '../inputs/job-filter.input';
import { JobsArgs } from '../inputs/jobs.args';
import { DB_READ_COST, pageCost } from '../limits';
import { JobConnection } from '../types/job-connection.type';
import { WipeResult } from '../types/wipe-result.type';

/** The sightings, read once per request (a version lookup, the map itself cached across requests). */
const requestSightings = new WeakMap<GraphqlContext, Promise<ReadonlyMap<string, number>>>();

function sightingsOfRequest(ctx: GraphqlContext): Promise<ReadonlyMap<string, number>> {
  let sightings = requestSightings.get(ctx);
  if (!sightings) {
    sightings = latestSightings();
    requestSightings.set(ctx, sightings);
  }
  return sightings;
}

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

/**
 * The Job fields a listing's card answers (src/models/job-listing.model.ts `jobOfListing`): a page whose nodes ask
 * for nothing else is made from the listings in memory, without reading a document.
 */
const CARD_FIELDS: ReadonlySet<string> = new Set([
  '__typename',
  'id',
  'positionId',
  'positionTitle',
  'positionUri',
  'applyUris',
  'positionLocationDisplay',
  'organizationName',
  'departmentName',
  'payPlan',
  'lowGrade',
  'highGrade',
  'remote',
  'teleworkEligible',
  'qualificationSummary',
  'jobSummary',
  'annualSalary',
  'publicationStartDate',
  'applicationCloseDate',
  'firstSeenAt',
  'isOpen',
  'status',
  'matchedProfiles',
]);

/** Whether every field the operation selects on the connection's jobs (`nodes`, `edges.node`) is a card field. */
function asksOnlyCardFields(info: GraphQLResolveInfo): boolean {
  const jobSelections = (set: SelectionSetNode | undefined, path: readonly string[]): SelectionSetNode[] => {
    if (!set) return [];
    return set.selections.flatMap((selection): SelectionSetNode[] => {
      if (selection.kind === Kind.INLINE_FRAGMENT) return jobSelections(selection.selectionSet, path);
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        return jobSelections(info.fragments[selection.name.value]?.selectionSet, path);
      }
      const name = selection.name.value;
      if (path.length === 0)
        return name === 'nodes' && selection.selectionSet
          ? [selection.selectionSet]
          : name === 'edges'
            ? jobSelections(selection.selectionSet, ['edges'])
            : [];
      return name === 'node' && selection.selectionSet ? [selection.selectionSet] : [];
    });
  };
  const onlyCard = (set: SelectionSetNode | undefined): boolean =>
    !set ||
    set.selections.every((selection) => {
      if (selection.kind === Kind.INLINE_FRAGMENT) return onlyCard(selection.selectionSet);
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        return onlyCard(info.fragments[selection.name.value]?.selectionSet);
      }
      return CARD_FIELDS.has(selection.name.value);
    });
  return info.fieldNodes.every((field) =>
    jobSelections(field.selectionSet, []).every((set) => onlyCard(set)),
  );
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
    @Info() info: GraphQLResolveInfo,
  ): Promise<JobConnection> {
    try {
      return await findJobsPage({
        filter: toJobCriteria(filter),
        sort,
        first: first ?? DEFAULT_JOBS_PAGE_SIZE,
        after,
        now: ctx.now,
        fields: asksOnlyCardFields(info) ? 'card' : 'all',
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
    if (job.status !== JobStatus.WITHDRAWN) answerChangesAt(ctx, job.applicationCloseDate);
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

  @FieldResolver(() => Date, {
    description:
      'When an ETL run last found the announcement on USAJOBS and kept it. Set by this service; a date before the latest run means that run did not find or did not keep it (closed, withdrawn, or outside its search).',
  })
  async lastSeenAt(@Root() job: Job, @Ctx() ctx: GraphqlContext): Promise<Date> {
    return lastSeenAtOf(job, await sightingsOfRequest(ctx));
  }

  @FieldResolver(() => Boolean, {
    description:
      'True while applicationCloseDate is in the future (at the time of the request); false once it has passed ' +
      'or when no close date was published.',
  })
  isOpen(@Root() job: Job, @Ctx() ctx: GraphqlContext): boolean {
    answerChangesAt(ctx, job.applicationCloseDate);
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
