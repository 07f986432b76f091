import { IsOptional, MaxLength, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID } from 'type-graphql';

import { AT_MOST_CHARS, MAX_TEXT_LENGTH } from './bounds';
import { EtlParamsInput } from './etl-params.input';

@ArgsType()
export class RunEtlArgs {
  @Field(() => EtlParamsInput, {
    nullable: true,
    description: "The job seeker's profile for this run; unset: every default.",
  })
  @IsOptional()
  @ValidateNested()
  params?: EtlParamsInput | null;

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: true,
    description:
      'true (default): answer when the run ends. false: answer with the RUNNING record as soon as the run is ' +
      'recorded; the run goes on in the background; follow it with etlRun(id), stop it with cancelEtlRun(id).',
  })
  wait?: boolean | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'Run this saved search (id). Without it and without params, the run covers every enabled saved search.',
  })
  @IsOptional()
  @MaxLength(MAX_TEXT_LENGTH, AT_MOST_CHARS)
  profile?: string | null;
}
