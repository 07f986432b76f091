import { MaxLength } from 'class-validator';
import { ArgsType, Field, ID } from 'type-graphql';

import { AT_MOST_CHARS, MAX_TEXT_LENGTH } from './bounds';

@ArgsType()
export class EtlRunArgs {
  @Field(() => ID, { description: 'The run id (EtlRun.id).' })
  @MaxLength(MAX_TEXT_LENGTH, AT_MOST_CHARS)
  id!: string;
}
