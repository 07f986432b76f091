import { Field, Int, ObjectType } from 'type-graphql';

import type { JobPage } from '../../jobs/jobs.service';
import { Job } from '../../models/job.model';

@ObjectType('PageInfo', {
  description: 'Where a page of jobs stands in the whole listing (Relay page information).',
})
export class PageInfo {
  @Field(() => Boolean, {
    description: 'True when more jobs follow this page: ask again with after: endCursor.',
  })
  hasNextPage!: boolean;

  @Field(() => Boolean, {
    description: 'True when the page was asked for with a cursor (forward paging only).',
  })
  hasPreviousPage!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'Cursor of the first job of the page; null when the page is empty.',
  })
  startCursor!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Cursor of the last job of the page, to pass as after for the next page; null when the page is empty.',
  })
  endCursor!: string | null;
}

@ObjectType('JobEdge', { description: 'One job of a page, with its cursor.' })
export class JobEdge {
  @Field(() => String, { description: 'Opaque; pass it as `after` to get the jobs that follow this one.' })
  cursor!: string;

  @Field(() => Job, { description: 'The job.' })
  node!: Job;
}

@ObjectType('JobConnection', { description: 'One page of jobs (Relay connection).' })
export class JobConnection implements JobPage {
  @Field(() => [JobEdge], { description: 'The jobs of this page in order, each with its cursor.' })
  edges!: JobEdge[];

  @Field(() => [Job], { description: 'The same jobs as edges, without cursors.' })
  nodes!: Job[];

  @Field(() => PageInfo, { description: "Whether more jobs follow, and the cursors of this page's ends." })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'All jobs that match the filter, not only this page.' })
  totalCount!: number;
}
