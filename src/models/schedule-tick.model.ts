import { getModelForClass, index, modelOptions, prop } from '@typegoose/typegoose';

/**
 * One tick of a schedule, claimed by the replica that runs it (collection `schedule_ticks`). The `_id` is the
 * schedule's name and the tick's scheduled time, so every replica names a tick alike whatever its own clock says,
 * and the unique `_id` lets exactly one of them insert it.
 */
@modelOptions({ schemaOptions: { collection: 'schedule_ticks', versionKey: false } })
@index({ schedule: 1, tick: -1 })
export class ScheduleTick {
  /** `<schedule>:<tick as ISO 8601>`, e.g. `etl:2026-01-05T12:00:00.000Z`. */
  @prop({ type: String, required: true })
  _id!: string;

  @prop({ type: String, required: true })
  schedule!: string;

  /** The scheduled time. */
  @prop({ type: Date, required: true })
  tick!: Date;

  /** The replica that claimed it (`host:pid`). */
  @prop({ type: String, required: true })
  claimedBy!: string;

  @prop({ type: Date, required: true })
  claimedAt!: Date;

  /** The run it started. */
  @prop({ type: String })
  runId?: string;

  /** Why it started none (a run was in progress, the service was stopping). */
  @prop({ type: String })
  skipped?: string;
}

export const ScheduleTickModel = getModelForClass(ScheduleTick);
