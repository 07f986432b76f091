import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType('WipeResult')
export class WipeResult {
  @Field(() => Int, { description: 'How many jobs were deleted.' })
  deletedCount!: number;
}
