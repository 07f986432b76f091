import { IsOptional, Max, Min } from 'class-validator';
import { ArgsType, Field, Int } from 'type-graphql';

import { AT_LEAST, AT_MOST, DEFAULT_ETL_RUNS_PAGE_SIZE, MAX_PAGE_SIZE } from './bounds';

@ArgsType()
export class EtlRunsArgs {
  @Field(() => Int, {
    nullable: true,
    defaultValue: DEFAULT_ETL_RUNS_PAGE_SIZE,
    description: 'How many runs, newest first, 1..100.',
  })
  @IsOptional()
  @Min(1, AT_LEAST)
  @Max(MAX_PAGE_SIZE, AT_MOST)
  first?: number | null;
}
