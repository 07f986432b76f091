import { validate, type ValidationError } from 'class-validator';
import type { GraphQLError } from 'graphql';
import {
  coerceInputValue,
  getNamedType,
  type GraphQLInputObjectType,
  type GraphQLInputType,
  type GraphQLSchema,
  isInputObjectType,
  isListType,
  isNonNullType,
} from 'graphql';

import { JobFilterInput, toJobCriteria } from '../graphql/inputs/job-filter.input';
import type { JobCriteria } from '../jobs/job-criteria';
import { DEFAULT_JOB_SORT, type JobSort, JobSortField, SortDirection } from '../jobs/job-sort';

/*
 * The query string of GET /export/jobs.csv: every field of the GraphQL `JobFilter` input under its own name, plus
 * `sort`, `direction` and `bom`. The filter's parameters and their types are read from the schema and its values go
 * through the same coercion (graphql-js) and the same class-validator bounds as the `jobs` query's `filter`
 * argument, so the export accepts exactly what the API accepts, and a field added to `JobFilter` is a parameter here
 * without a change to this file.
 */

/** A parameter of the export was refused; answered 400 with the parameter named. */
export class ExportParameterError extends Error {
  override readonly name = 'ExportParameterError';
  readonly code = 'BAD_USER_INPUT';

  constructor(
    message: string,
    /** The query parameter at fault. */
    readonly parameter: string,
  ) {
    super(message);
  }
}

/** What one export asks for. */
export interface CsvExportQuery {
  criteria: JobCriteria;
  sort: JobSort;
  /** Start the body with a UTF-8 byte order mark (for spreadsheets that guess the encoding otherwise). */
  bom: boolean;
}

/** Parameters of the export itself, beside the filter's. */
const OWN_PARAMETERS = ['sort', 'direction', 'bom'] as const;

/**
 * Reads and validates the query string of an export.
 *
 * Values come as text: numbers and booleans (`true`/`false`) are parsed, dates are ISO 8601 as in the API, enums by
 * name; a list parameter may be repeated or comma-separated; an empty value counts as unset (an HTML form sends
 * empty fields). `sort` is a `JobSortField`, `direction` ASC or DESC (default: ASC with `sort`, otherwise the API's
 * default order, newest publication first).
 *
 * @param query - the parsed query string (values are strings, or arrays of strings for repeated keys)
 * @param schema - the API's schema, for the `JobFilter` input type
 * @returns the criteria, sort and options
 * @throws ExportParameterError naming the first parameter that is unknown, repeated, malformed or out of bounds
 */
export async function parseExportQuery(
  query: Readonly<Record<string, unknown>>,
  schema: GraphQLSchema,
): Promise<CsvExportQuery> {
  const filterType = schema.getType('JobFilter');
  if (!isInputObjectType(filterType)) throw new Error('The schema has no JobFilter input type');
  const fields = filterType.getFields();

  const raw: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(query)) {
    if ((OWN_PARAMETERS as readonly string[]).includes(name)) continue;
    const field = fields[name];
    if (!field) {
      const known = [...Object.keys(fields), ...OWN_PARAMETERS].join(', ');
      throw new ExportParameterError(`Unknown parameter "${name}"; the parameters are: ${known}`, name);
    }
    const parsed = fromQueryValue(name, value, field.type);
    if (parsed !== undefined) raw[name] = parsed;
  }

  return {
    criteria: await validateFilter(coerceFilter(raw, filterType)),
    sort: parseSort(query),
    bom: parseBoolean('bom', single('bom', query.bom)) ?? false,
  };
}

/** A query value as the JS value GraphQL input coercion expects for `type`; undefined when empty. */
function fromQueryValue(name: string, value: unknown, type: GraphQLInputType): unknown {
  const list = isListType(isNonNullType(type) ? type.ofType : type);
  if (list) {
    const items = (Array.isArray(value) ? value : [value])
      .flatMap((item) => String(item).split(','))
      .map((item) => item.trim())
      .filter((item) => item !== '');
    return items.length === 0 ? undefined : items.map((item) => fromText(name, item, type));
  }
  const text = single(name, value);
  return text === undefined ? undefined : fromText(name, text, type);
}

function fromText(name: string, text: string, type: GraphQLInputType): unknown {
  switch (getNamedType(type).name) {
    case 'Int':
    case 'Float':
      if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) {
        throw new ExportParameterError(`Bad parameter "${name}": "${text}" is not a number`, name);
      }
      return Number(text);
    case 'Boolean':
      return parseBoolean(name, text);
    default:
      return text;
  }
}

function parseBoolean(name: string, text: string | undefined): boolean | undefined {
  if (text === undefined) return undefined;
  if (text === 'true') return true;
  if (text === 'false') return false;
  throw new ExportParameterError(`Bad parameter "${name}": must be true or false`, name);
}

/** The one value of a parameter that may be given once; undefined when absent or empty. */
function single(name: string, value: unknown): string | undefined {
  if (Array.isArray(value)) {
    throw new ExportParameterError(`Bad parameter "${name}": given more than once`, name);
  }
  if (value === undefined || value === null) return undefined;
  const text = String(value).trim();
  return text === '' ? undefined : text;
}

/** graphql-js input coercion: scalars (DateTimeISO, Int range, enums) and the input's defaults (openOnly). */
function coerceFilter(
  raw: Record<string, unknown>,
  filterType: GraphQLInputObjectType,
): Record<string, unknown> {
  return coerceInputValue(raw, filterType, (path, _invalid, error) => {
    const name = String(path[0] ?? 'filter');
    throw new ExportParameterError(`Bad parameter "${name}": ${messageOfCoercion(error)}`, name);
  }) as Record<string, unknown>;
}

function messageOfCoercion(error: GraphQLError): string {
  // graphql-js wraps a scalar's own complaint: 'Expected type "X". <why>' - the why is what helps.
  return error.originalError?.message ?? error.message;
}

/** The `JobFilter` argument's class-validator bounds, with the options type-graphql validates arguments with. */
async function validateFilter(coerced: Record<string, unknown>): Promise<JobCriteria> {
  const input = Object.assign(new JobFilterInput(), coerced);
  const errors = await validate(input, { skipMissingProperties: true, forbidUnknownValues: false });
  const first = errors[0];
  if (first) {
    throw new ExportParameterError(`Bad parameter "${first.property}": ${describe(first)}`, first.property);
  }
  // As the jobs query does: current names win over their deprecated aliases.
  return toJobCriteria(input) ?? {};
}

function describe(error: ValidationError): string {
  return Object.values(error.constraints ?? {})[0] ?? 'is not valid';
}

function parseSort(query: Readonly<Record<string, unknown>>): JobSort {
  const field = single('sort', query.sort);
  const direction = single('direction', query.direction);
  if (field !== undefined && !isMember(JobSortField, field)) {
    throw new ExportParameterError(
      `Bad parameter "sort": must be one of ${Object.values(JobSortField).join(', ')}`,
      'sort',
    );
  }
  if (direction !== undefined && !isMember(SortDirection, direction)) {
    throw new ExportParameterError('Bad parameter "direction": must be ASC or DESC', 'direction');
  }
  if (field === undefined) {
    return { field: DEFAULT_JOB_SORT.field, direction: direction ?? DEFAULT_JOB_SORT.direction };
  }
  return { field, direction: direction ?? SortDirection.ASC };
}

function isMember<T extends string>(values: Record<string, T>, text: string): text is T {
  return (Object.values(values) as string[]).includes(text);
}
