import type { ApolloServerPlugin } from '@apollo/server';
import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import {
  type ComplexityEstimator,
  fieldExtensionsEstimator,
  getComplexity,
  simpleEstimator,
} from 'graphql-query-complexity';

import { ErrorCode, QueryLimitError } from './errors';
import { MAX_PAGE_SIZE } from './inputs/bounds';

/*
 * What one request may ask of the API. Every figure leaves the largest query a real client sends (a full page of 100
 * jobs with every field, statistics and the run history in one operation) well inside, and stops documents crafted to
 * make the server work far more than the client pays for. Rejections are HTTP 400 with a stable code; see README.
 */

/** Deepest field nesting; the deepest field of the schema is 5 levels down (jobs.edges.node.positionLocation.*). */
export const MAX_QUERY_DEPTH = 8;
/** Aliases per operation, counted through fragments: aliasing is how one request asks for the same list many times. */
export const MAX_ALIASES = 30;
/**
 * Highest cost of an operation: every field costs 1, a page of up to `first` items costs `first` times its selection
 * plus {@link DB_READ_COST}, jobStats {@link STATS_COST} plus its selection. A page of 100 jobs with every field costs
 * 4,300 (8,100 with every field on both edges.node and nodes); that one with jobStats and etlRuns(first: 100) with
 * every field about 11,500. Twelve jobStats, or thirty aliased pages of 100 jobs with two fields each, go over.
 */
export const MAX_QUERY_COST = 12_000;
/** Lexical tokens per document (graphql-js stops parsing there); the full introspection query has 163. */
export const MAX_TOKENS = 2_000;
/**
 * Field selections per operation with every fragment spread expanded (Apollo's `maxRecursiveSelections`): stops
 * fragments that spread each other twice over (exponential growth) before anything walks them.
 */
export const MAX_RECURSIVE_SELECTIONS = 1_000;
/** Deadline of a request without the admin token: past it the client gets 503 REQUEST_TIMEOUT. */
export const REQUEST_TIMEOUT_MS = 15_000;
/** Deadline of a request with the admin token: `runEtl` answers when the run ends, which takes minutes. */
export const ADMIN_REQUEST_TIMEOUT_MS = 15 * 60_000;

/** Cost of one database read (a page with its count, a job by id), on top of what it returns. */
export const DB_READ_COST = 100;
/** Cost of jobStats on top of its selection: it reads every matching job. */
export const STATS_COST = 1_000;
/** Cost of runEtl: one run of the ETL (admin only, and one at a time anyway). */
export const ETL_RUN_COST = 1_000;

/** The limits one server applies; tests lower some of them. */
export interface GraphqlLimits {
  maxDepth: number;
  maxAliases: number;
  maxCost: number;
  maxTokens: number;
  maxRecursiveSelections: number;
  requestTimeoutMs: number;
  adminRequestTimeoutMs: number;
}

export const DEFAULT_GRAPHQL_LIMITS: Readonly<GraphqlLimits> = Object.freeze({
  maxDepth: MAX_QUERY_DEPTH,
  maxAliases: MAX_ALIASES,
  maxCost: MAX_QUERY_COST,
  maxTokens: MAX_TOKENS,
  maxRecursiveSelections: MAX_RECURSIVE_SELECTIONS,
  requestTimeoutMs: REQUEST_TIMEOUT_MS,
  adminRequestTimeoutMs: ADMIN_REQUEST_TIMEOUT_MS,
});

/**
 * The type-graphql `complexity` of a field that reads a page: one database read plus `first` times the selection.
 * `first` is clamped to 1..MAX_PAGE_SIZE: a larger one is refused by the argument's own bound (BAD_USER_INPUT, a
 * clearer answer than QUERY_TOO_COMPLEX), and the page never holds more.
 *
 * @param defaultSize - the page size when `first` is not given
 */
export function pageCost(defaultSize: number): ComplexityEstimator {
  return ({ args, childComplexity }) => {
    const first = typeof args.first === 'number' ? args.first : defaultSize;
    return DB_READ_COST + Math.min(Math.max(first, 1), MAX_PAGE_SIZE) * childComplexity;
  };
}

const ESTIMATORS: ComplexityEstimator[] = [
  fieldExtensionsEstimator(),
  simpleEstimator({ defaultComplexity: 1 }),
];

/** How much an operation asks for, in the units of the limits. */
export interface OperationMeasure {
  depth: number;
  aliases: number;
  /** Undefined when the variables do not fit the operation (execution then refuses it with BAD_USER_INPUT). */
  cost: number | undefined;
}

/**
 * Measures one operation of a document that passed validation (so its fragments exist and do not cycle).
 *
 * Introspection fields (`__schema`, `__type`, `__typename`) add no depth: graphql-js bounds introspection nesting
 * itself (MaxIntrospectionDepthRule) and production refuses introspection altogether.
 *
 * @param variables - the request's raw variables; list sizes given as variables count
 */
export function measureOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
): OperationMeasure {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const depth = walk(operation.selectionSet, fragments, (field, inner) =>
    field.name.value.startsWith('__') ? 0 : 1 + inner,
  );
  const aliases = walk(
    operation.selectionSet,
    fragments,
    (field, inner) => (field.alias ? 1 : 0) + inner,
    'sum',
  );
  return { depth, aliases, cost: costOf(schema, document, operation, variables) };
}

/**
 * Throws when an operation goes over a limit; checked in this order: depth, aliases, cost.
 *
 * @throws QueryLimitError QUERY_TOO_DEEP, TOO_MANY_ALIASES or QUERY_TOO_COMPLEX
 */
export function assertWithinLimits(
  measure: OperationMeasure,
  limits: Pick<GraphqlLimits, 'maxDepth' | 'maxAliases' | 'maxCost'>,
): void {
  if (measure.depth > limits.maxDepth) {
    throw new QueryLimitError(
      ErrorCode.QUERY_TOO_DEEP,
      `The operation nests fields ${measure.depth} levels deep; at most ${limits.maxDepth} are allowed`,
      { limit: limits.maxDepth, actual: measure.depth },
    );
  }
  if (measure.aliases > limits.maxAliases) {
    throw new QueryLimitError(
      ErrorCode.TOO_MANY_ALIASES,
      `The operation uses ${measure.aliases} aliases; at most ${limits.maxAliases} are allowed`,
      { limit: limits.maxAliases, actual: measure.aliases },
    );
  }
  if (measure.cost !== undefined && measure.cost > limits.maxCost) {
    throw new QueryLimitError(
      ErrorCode.QUERY_TOO_COMPLEX,
      `The operation costs ${measure.cost}; at most ${limits.maxCost} is allowed (lists count their size: ask ` +
        'for smaller pages or fewer fields)',
      { limit: limits.maxCost, actual: measure.cost },
    );
  }
}

/**
 * The Apollo plugin that applies depth, alias and cost limits once the operation is known (after validation, before
 * execution), so `first` given as a variable counts. Token and recursive-selection limits are Apollo options
 * (`parseOptions.maxTokens`, `maxRecursiveSelections`), applied before this.
 */
export function queryLimitsPlugin<TContext extends object>(
  limits: Pick<GraphqlLimits, 'maxDepth' | 'maxAliases' | 'maxCost'>,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          // Without an operation Apollo has already refused the request.
          if (!operation) return;
          assertWithinLimits(measureOperation(schema, document, operation, request.variables), limits);
        },
      };
    },
  };
}

/**
 * Folds a selection set with fragments expanded, each fragment computed once (linear in the document, however often
 * fragments are spread).
 *
 * @param field - the value of a field given the value of its own selection (0 for a leaf)
 * @param combine - `max` for depth, `sum` for counts
 */
function walk(
  root: SelectionSetNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  field: (node: FieldNode, inner: number) => number,
  combine: 'max' | 'sum' = 'max',
): number {
  const memo = new Map<string, number>();
  const fold = (values: number[]): number =>
    combine === 'max' ? Math.max(0, ...values) : values.reduce((a, b) => a + b, 0);
  const visit = (set: SelectionSetNode): number =>
    fold(
      set.selections.map((selection) => {
        switch (selection.kind) {
          case Kind.FIELD:
            return field(selection, selection.selectionSet ? visit(selection.selectionSet) : 0);
          case Kind.INLINE_FRAGMENT:
            return visit(selection.selectionSet);
          case Kind.FRAGMENT_SPREAD: {
            const name = selection.name.value;
            const known = memo.get(name);
            if (known !== undefined) return known;
            const fragment = fragments.get(name);
            // Validation has rejected unknown and cyclic fragments; the 0 only keeps a stray cycle finite.
            memo.set(name, 0);
            const value = fragment ? visit(fragment.selectionSet) : 0;
            memo.set(name, value);
            return value;
          }
        }
      }),
    );
  return visit(root);
}

function costOf(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
): number | undefined {
  try {
    return getComplexity({
      schema,
      query: document,
      variables: variables ?? {},
      operationName: operation.name?.value,
      estimators: ESTIMATORS,
    });
  } catch (error) {
    // graphql-query-complexity's own guard against huge documents (not reached behind maxRecursiveSelections).
    if (error instanceof Error && /maximum allowed number of nodes/.test(error.message)) {
      return Number.POSITIVE_INFINITY;
    }
    // Variables that do not coerce: execution coerces them the same way (graphql-js) before any resolver runs and
    // answers BAD_USER_INPUT, a better message than any limit could give.
    return undefined;
  }
}
