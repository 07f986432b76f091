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
}
