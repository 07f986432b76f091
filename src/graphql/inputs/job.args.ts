import { MaxLength } from 'class-validator';
import { ArgsType, Field, ID } from 'type-graphql';

import { AT_MOST_CHARS, MAX_TEXT_LENGTH } from './bounds';

@ArgsType()
export class JobArgs {
  @Field(() => ID, {
    description: 'The USAJOBS control number (MatchedObjectId), as in Job.id. At most 200 characters.',
  })
  @MaxLength(MAX_TEXT_LENGTH, AT_MOST_CHARS)
  id!: string;
}
