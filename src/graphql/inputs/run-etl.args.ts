import { IsOptional, ValidateNested } from 'class-validator';
import { ArgsType, Field } from 'type-graphql';

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
}
