import { Field, ObjectType } from 'type-graphql';

import { EtlRun } from '../../models/etl-run.model';

@ObjectType({ description: 'The ETL schedule of the process that answers (ETL_CRON in ETL_TZ).' })
export class EtlSchedule {
  @Field(() => String, {
    nullable: true,
    description: 'The cron expression; null when runs are not scheduled here.',
  })
  cron!: string | null;

  @Field(() => String, {
    description:
      'The time zone the expression is read in: ETL_TZ; UTC where the process runs no scheduler of its own ' +
      '(Lambda: the EventBridge schedule is in UTC).',
  })
  timezone!: string;

  @Field(() => Date, {
    nullable: true,
    description: 'When the next scheduled run starts; null without a schedule.',
  })
  nextRunAt!: Date | null;

  @Field(() => EtlRun, {
    nullable: true,
    description:
      'The latest run a schedule started (trigger SCHEDULE), from any replica; null when none did.',
  })
  lastScheduledRun!: EtlRun | null;
}
