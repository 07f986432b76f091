import { IsOptional, ValidateNested } from 'class-validator';
import { ArgsType, Field } from 'type-graphql';

import { JobFilterInput } from './job-filter.input';

@ArgsType()
export class JobStatsArgs {
  @Field(() => JobFilterInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  filter?: JobFilterInput | null;
}
