import { IsOptional, ValidateNested } from 'class-validator';
import { ArgsType, Field } from 'type-graphql';

import { JobFilterInput } from './job-filter.input';

@ArgsType()
export class JobStatsArgs {
  @Field(() => JobFilterInput, {
    nullable: true,
    description: 'Which jobs to count; unset: the open ones.',
  })
  @IsOptional()
  @ValidateNested()
  filter?: JobFilterInput | null;
}
