import 'reflect-metadata';

import { type GraphQLSchema, Kind, type OperationDefinitionNode, parse } from 'graphql';

import { ErrorCode, QueryLimitError } from '../../src/graphql/errors';
import {
  assertWithinLimits,
  DB_READ_COST,
  DEFAULT_GRAPHQL_LIMITS,
  measureOperation,
  type OperationMeasure,
  STATS_COST,
} from '../../src/graphql/limits';
import { buildGraphqlSchema } from '../../src/graphql/schema';

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildGraphqlSchema();
});

function measure(query: string, variables?: Record<string, unknown>): OperationMeasure {
  const document = parse(query);
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  )!;
  return measureOperation(schema, document, operation, variables);
}

function rejection(measure: OperationMeasure): QueryLimitError | undefined {
  try {
    assertWithinLimits(measure, DEFAULT_GRAPHQL_LIMITS);
    return undefined;
  } catch (error) {
    if (error instanceof QueryLimitError) return error;
    throw error;
  }
}

describe('measureOperation: depth', () => {
  it('when fields nest through named and inline fragments, then the depth is that of the fields alone', () => {
    expect(measure('{ jobs { edges { node { positionLocation { locationName } } } } }').depth).toBe(5);
    expect(
      measure(`{ jobs { ...C } }
        fragment C on JobConnection { edges { ... on JobEdge { node { ...J } } } }
        fragment J on Job { positionLocation { locationName } }`).depth,
    ).toBe(5);
  });

  it('when introspection fields are selected, then they add no depth', () => {
    expect(measure('{ __schema { types { fields { type { ofType { ofType { name } } } } } } }').depth).toBe(
      0,
    );
    expect(measure('{ jobs { __typename totalCount } }').depth).toBe(2);
  });
});

describe('measureOperation: aliases', () => {
  it('when a fragment with aliases is spread twice, then its aliases count twice', () => {
    expect(
      measure(`{ a: jobs { ...T } b: jobs { ...T } }
        fragment T on JobConnection { x: totalCount y: totalCount }`).aliases,
    ).toBe(6);
  });

  it('when fragments double at every level, then the count grows as the expansion does without walking it', () => {
    const levels = 60;
    const fragments = Array.from(
      { length: levels },
      (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`,
    ).join('\n');
    // 2^60 aliases could not be counted one by one: an exact count means fragments were measured once each.
    const result = measure(`{ ...F0 }\n${fragments}\nfragment F${levels} on Query { a: __typename }`);
    expect(result.aliases).toBe(2 ** levels);
    expect(result.cost).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('measureOperation: cost', () => {
  it('when a page is asked for, then it costs one read plus first times the selection; 20 when first is not given', () => {
    // per job: edges 1 + node 1 + id 1 = 3; plus totalCount 1 = 4 per item.
    expect(measure('{ jobs(first: 10) { totalCount edges { node { id } } } }').cost).toBe(
      DB_READ_COST + 10 * 4,
    );
    expect(measure('{ jobs { totalCount edges { node { id } } } }').cost).toBe(DB_READ_COST + 20 * 4);
  });

  it('when first comes as a variable, then its value counts', () => {
    const query = 'query ($n: Int) { jobs(first: $n) { edges { node { id } } } }';
    expect(measure(query, { n: 50 }).cost).toBe(DB_READ_COST + 50 * 3);
    expect(measure(query, {}).cost).toBe(DB_READ_COST + 20 * 3);
  });

  it('when first is beyond the page bound or below 1, then it counts as the bound (the argument check refuses it)', () => {
    expect(measure('{ jobs(first: 1000000000) { totalCount } }').cost).toBe(DB_READ_COST + 100);
    expect(measure('{ jobs(first: -5) { totalCount } }').cost).toBe(DB_READ_COST + 1);
  });

  it('when jobStats and job are asked for, then they cost their fixed part plus their selection', () => {
    expect(measure('{ jobStats { totalCount } }').cost).toBe(STATS_COST + 1);
    expect(measure('{ job(id: "1") { id } }').cost).toBe(DB_READ_COST + 1);
  });

  it('when the variables do not fit the operation, then no cost is given (execution refuses them)', () => {
    expect(measure('query ($n: Int) { jobs(first: $n) { totalCount } }', { n: 'ten' }).cost).toBeUndefined();
  });
});

describe('assertWithinLimits', () => {
  it('when everything is within the limits, then nothing is thrown', () => {
    expect(rejection({ depth: 8, aliases: 30, cost: 12_000 })).toBeUndefined();
    expect(rejection({ depth: 1, aliases: 0, cost: undefined })).toBeUndefined();
  });

  it('when one limit is passed, then its code comes back with the limit and the figure; depth first, cost last', () => {
    expect(rejection({ depth: 9, aliases: 31, cost: 20_000 })).toMatchObject({
      extensions: { code: ErrorCode.QUERY_TOO_DEEP, limit: 8, actual: 9, http: { status: 400 } },
    });
    expect(rejection({ depth: 2, aliases: 31, cost: 20_000 })).toMatchObject({
      extensions: { code: ErrorCode.TOO_MANY_ALIASES, limit: 30, actual: 31 },
    });
    expect(rejection({ depth: 2, aliases: 0, cost: 12_001 })).toMatchObject({
      extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, limit: 12_000, actual: 12_001 },
    });
  });
});
