import {
  buildSchema,
  getVariableValues,
  GraphQLError,
  Kind,
  type OperationDefinitionNode,
  parse,
} from 'graphql';

import { argumentPathsOfVariableError } from '../../src/graphql/variable-arguments';

const schema = buildSchema(`
  input Filter { grade: Int, tags: [Int!] }
  type Query { jobs(first: Int, filter: Filter, filters: [Filter!]): Int, runs(first: Int): Int }
`);

/** The errors graphql-js reports for the variables of the document's first operation. */
function coercionErrors(query: string, variables: Record<string, unknown>): readonly GraphQLError[] {
  const document = parse(query);
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  )!;
  const result = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  if (!result.errors) throw new Error('expected the variables not to coerce');
  return result.errors;
}

describe('argumentPathsOfVariableError', () => {
  it.each([
    ['passed as an argument', 'query($n: Int) { jobs(first: $n) }', { n: 'x' }, ['first']],
    [
      'with a bad field inside',
      'query($f: Filter) { jobs(filter: $f) }',
      { f: { grade: 'x' } },
      ['filter.grade'],
    ],
    [
      'with a bad list item inside',
      'query($f: Filter) { jobs(filter: $f) }',
      { f: { tags: [1, 'x'] } },
      ['filter.tags[1]'],
    ],
    [
      'inside an object literal',
      'query($g: Int) { jobs(filter: { grade: $g }) }',
      { g: 'x' },
      ['filter.grade'],
    ],
    [
      'inside a list literal',
      'query($g: Int) { jobs(filters: [{ grade: 1 }, { grade: $g }]) }',
      { g: 'x' },
      ['filters[1].grade'],
    ],
    [
      'passed twice to the same argument name',
      'query($n: Int) { jobs(first: $n) runs(first: $n) }',
      { n: 'x' },
      ['first'],
    ],
    [
      'passed to two arguments',
      'query($n: Int) { jobs(first: $n, filter: { grade: $n }) }',
      { n: 'x' },
      ['first', 'filter.grade'],
    ],
    [
      'passed inside a fragment',
      'query($n: Int) { ...Page } fragment Page on Query { runs(first: $n) }',
      { n: 'x' },
      ['first'],
    ],
    ['required and missing', 'query($n: Int!) { jobs(first: $n) }', {}, ['first']],
  ])(
    'when a variable %s does not coerce, then the argument path is named',
    (_name, query, variables, paths) => {
      const [error] = coercionErrors(query, variables);
      expect(argumentPathsOfVariableError(error)).toEqual(paths);
    },
  );

  it('when the document holds two operations, then only the one whose variable failed counts', () => {
    const query = 'query A($n: Int) { jobs(first: $n) } query B($n: Int) { jobs(filter: { grade: $n }) }';
    const document = parse(query);
    const b = document.definitions[1] as OperationDefinitionNode;
    const [error] = getVariableValues(schema, b.variableDefinitions ?? [], { n: 'x' }).errors!;
    expect(argumentPathsOfVariableError(error)).toEqual(['filter.grade']);
  });

  it('when the error is not about a variable, then no path is made up', () => {
    expect(argumentPathsOfVariableError(new GraphQLError('Variable "$n" got invalid value'))).toEqual([]);
    expect(argumentPathsOfVariableError(new Error('boom'))).toEqual([]);
  });
});
