import { MaxLength, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID } from 'type-graphql';

import { AT_MOST_CHARS, MAX_TEXT_LENGTH } from './bounds';
import { CreateSearchProfileInput, UpdateSearchProfileInput } from './search-profile.input';

@ArgsType()
export class SearchProfileArgs {
  @Field(() => ID, { description: 'The saved search (SearchProfile.id).' })
  @MaxLength(MAX_TEXT_LENGTH, AT_MOST_CHARS)
  id!: string;
}

@ArgsType()
export class CreateSearchProfileArgs {
  @Field(() => CreateSearchProfileInput, { description: 'The new saved search.' })
  @ValidateNested()
  input!: CreateSearchProfileInput;
}

@ArgsType()
export class UpdateSearchProfileArgs {
  @Field(() => ID, { description: 'The saved search (SearchProfile.id).' })
  @MaxLength(MAX_TEXT_LENGTH, AT_MOST_CHARS)
  id!: string;

  @Field(() => UpdateSearchProfileInput, { description: 'What to change.' })
  @ValidateNested()
  input!: UpdateSearchProfileInput;
}
