import { IsOptional, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ArgsType, Field, Int } from 'type-graphql';

import {
  AT_LEAST,
  AT_MOST,
  AT_MOST_CHARS,
  DEFAULT_JOBS_PAGE_SIZE,
  MAX_CURSOR_LENGTH,
  MAX_PAGE_SIZE,
} from './bounds';
import { JobFilterInput } from './job-filter.input';
import { JobSortInput } from './job-sort.input';

@ArgsType()
export class JobsArgs {
  @Field(() => JobFilterInput, {
    nullable: true,
    description: 'Which jobs to list; unset: the open ones.',
  })
  @IsOptional()
  @ValidateNested()
  filter?: JobFilterInput | null;

  @Field(() => JobSortInput, { nullable: true, description: 'Default: newest publicationStartDate first.' })
  sort?: JobSortInput | null;

  @Field(() => Int, {
    nullable: true,
    defaultValue: DEFAULT_JOBS_PAGE_SIZE,
    description: 'Page size: how many jobs, 1..100.',
  })
  @IsOptional()
  @Min(1, AT_LEAST)
  @Max(MAX_PAGE_SIZE, AT_MOST)
  first?: number | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The endCursor of the previous page, with the same sort; unset: the first page. At most 1,000 characters.',
  })
  @IsOptional()
  @MaxLength(MAX_CURSOR_LENGTH, AT_MOST_CHARS)
  after?: string | null;
}
