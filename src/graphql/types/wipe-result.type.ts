import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType('WipeResult', { description: 'What wipe deleted.' })
export class WipeResult {
  @Field(() => Int, { description: 'How many jobs were deleted.' })
  deletedCount!: number;
}
