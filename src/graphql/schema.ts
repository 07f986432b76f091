import { GraphQLSchema, printSchema } from 'graphql';
import { buildSchema } from 'type-graphql';

import { adminAuthChecker } from './auth';
import { EtlRunResolver } from './resolvers/etl-run.resolver';
import { JobResolver } from './resolvers/job.resolver';
import { JobStatsResolver } from './resolvers/job-stats.resolver';
import { SearchProfileResolver } from './resolvers/search-profile.resolver';
import { DateTimeIsoScalar } from './scalars/date-time-iso.scalar';

/**
 * Builds the executable schema from the type-graphql classes. Arguments are validated with class-validator
 * (`validate: true`); `@Authorized()` operations go through `adminAuthChecker`. Callers import 'reflect-metadata'
 * first.
 *
 * @returns the schema; the file schema/schema.graphql is written by `npm run schema`, not here
 */
export async function buildGraphqlSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: [JobResolver, JobStatsResolver, EtlRunResolver, SearchProfileResolver],
    validate: true,
    authChecker: adminAuthChecker,
    // DateTimeISO, widened to accept a plain date as input (see the scalar).
    scalarsMap: [{ type: Date, scalar: DateTimeIsoScalar }],
    emitSchemaFile: false,
  });
  // type-graphql has no option for the descriptions of the root types.
  const query = schema.getQueryType();
  if (query) query.description = ROOT_DESCRIPTIONS.Query;
  const mutation = schema.getMutationType();
  if (mutation) mutation.description = ROOT_DESCRIPTIONS.Mutation;
  return schema;
}

const ROOT_DESCRIPTIONS = {
  Query: 'Reads: the stored jobs, statistics over them, the saved searches and the ETL run history. Public.',
  Mutation: 'Admin operations; each needs the header Authorization: Bearer <ADMIN_TOKEN>.',
} as const;

const HEADER =
  '# Generated from the type-graphql classes by `npm run schema`; do not edit by hand.\n' +
  '# The public contract it must stay compatible with: the job-tracker.graphql contract file.\n\n';

/**
 * Prints a schema deterministically: types sorted by name (their discovery order shifts whenever a resolver is added);
 * fields, arguments and enum values in declaration order (the order of the classes, which reads best: `id` first,
 * related fields together, `RUNNING` before `SUCCEEDED`). The committed file changes only when the API does.
 */
export function printGraphqlSchema(schema: GraphQLSchema): string {
  const config = schema.toConfig();
  const types = [...config.types].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return `${HEADER}${printSchema(new GraphQLSchema({ ...config, types }))}\n`;
}
