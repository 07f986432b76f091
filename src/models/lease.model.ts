import { getModelForClass, modelOptions, prop } from '@typegoose/typegoose';

/**
 * A named, expiring lock held by one process at a time (collection `leases`). It lives in the database so that
 * every process and replica on that database agrees on who holds it.
 */
@modelOptions({ schemaOptions: { collection: 'leases', versionKey: false } })
export class Lease {
  /** The lease's name, e.g. `etl`. */
  @prop({ type: String, required: true })
  _id!: string;

  /** Who holds it: a random id per holder. */
  @prop({ type: String, required: true })
  owner!: string;

  /** After this instant anyone may take it over. */
  @prop({ type: Date, required: true })
  expiresAt!: Date;

  /** The run the holder is executing, for CONFLICT messages. */
  @prop({ type: String })
  runId?: string;
}

export const LeaseModel = getModelForClass(Lease);
