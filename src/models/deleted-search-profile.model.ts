import { getModelForClass, modelOptions, prop } from '@typegoose/typegoose';

/**
 * A search profile deleted while its jobs may still name it (collection `deleted_search_profiles`): written after
 * the profile is deleted, removed once no job names it any more (src/etl/profile-matches.ts).
 */
@modelOptions({ schemaOptions: { collection: 'deleted_search_profiles', versionKey: false } })
export class DeletedSearchProfile {
  /** The profile's id. */
  @prop({ type: String, required: true })
  _id!: string;

  @prop({ type: Date, required: true })
  deletedAt!: Date;
}

export const DeletedSearchProfileModel = getModelForClass(DeletedSearchProfile);
