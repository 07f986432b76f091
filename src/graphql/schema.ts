import { type GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchema } from 'type-graphql';

import { adminAuthChecker } from './auth';
import { EtlRunResolver } from './resolvers/etl-run.resolver';
import { JobResolver } from './resolvers/job.resolver';
import { JobStatsResolver } from './resolvers/job-stats.resolver';
import { DateTimeIsoScalar } from './scalars/date-time-iso.scalar';

/**
 * Builds the executable schema from the type-graphql classes. Arguments are validated with class-validator
 * (`validate: true`); `@Authorized()` operations go through `adminAuthChecker`. Callers import 'reflect-metadata'
 * first.
 *
 * @returns the schema; the file schema/schema.graphql is written by `npm run schema`, not here
 */
export function buildGraphqlSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [JobResolver, JobStatsResolver, EtlRunResolver],
    validate: true,
    authChecker: adminAuthChecker,
    // DateTimeISO, widened to accept a plain date as input (see the scalar).
    scalarsMap: [{ type: Date, scalar: DateTimeIsoScalar }],
    emitSchemaFile: false,
  });
}

const HEADER =
  '# Generated from the type-graphql classes by `npm run schema`; do not edit by hand.\n' +
  '# The public contract it must stay compatible with: the job-tracker.graphql contract file.\n\n';

/**
 * Prints a schema deterministically: types, fields, arguments and enum values in lexicographic order, so the
 * committed file changes only when the API does.
 */
export function printGraphqlSchema(schema: GraphQLSchema): string {
  return `${HEADER}${printSchema(lexicographicSortSchema(schema))}\n`;
}
