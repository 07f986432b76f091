import { Field, Int, ObjectType } from 'type-graphql';

import type { JobPage } from '../../jobs/jobs.service';
import { Job } from '../../models/job.model';

@ObjectType('PageInfo', { description: 'Relay page information.' })
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => Boolean, {
    description: 'True when the page was asked for with a cursor (forward paging only).',
  })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

@ObjectType('JobEdge')
export class JobEdge {
  @Field(() => String, { description: 'Opaque; pass it as `after` to get the jobs that follow this one.' })
  cursor!: string;

  @Field(() => Job)
  node!: Job;
}

@ObjectType('JobConnection', { description: 'One page of jobs (Relay connection).' })
export class JobConnection implements JobPage {
  @Field(() => [JobEdge])
  edges!: JobEdge[];

  @Field(() => [Job])
  nodes!: Job[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'All jobs that match the filter, not only this page.' })
  totalCount!: number;
}
