import {
  type ASTNode,
  type DocumentNode,
  GraphQLError,
  Kind,
  type OperationDefinitionNode,
  parse,
  visit,
} from 'graphql';

/*
 * graphql-js refuses a variable that does not coerce before any resolver runs, and names the variable, not the
 * argument: `Variable "$f" got invalid value "high" at "f.minGrade"; Int cannot represent ...`. Clients get the
 * argument's path instead (`filter.minGrade`), as for every other BAD_USER_INPUT.
 */

/** `Variable "$name" ...`, the start of every graphql-js variable coercion message. */
const VARIABLE_NAME = /^Variable "\$(\w+)"/;

/**
 * The argument paths a variable coercion error is about: every place the operation passes the variable, with the
 * path inside the variable's value appended (`filter` + `.minGrade`).
 *
 * @param error - the error graphql-js reported for the variable; its node is the variable's definition
 * @returns the paths in document order without duplicates; empty when the error is not a variable coercion error
 *   or the document cannot be read again (the caller then leaves the error as it is). Never throws.
 */
export function argumentPathsOfVariableError(error: unknown): string[] {
  // Called from the error formatter, which must never throw: any surprise means "no paths".
  try {
    return pathsOf(error);
  } catch {
    return [];
  }
}

function pathsOf(error: unknown): string[] {
  if (!(error instanceof GraphQLError)) return [];
  const name = VARIABLE_NAME.exec(error.message)?.[1];
  const definition = error.nodes?.[0];
  const body = error.source?.body;
  if (name === undefined || definition?.kind !== Kind.VARIABLE_DEFINITION || body === undefined) return [];
  const document: DocumentNode = parse(body);
  const start = definition.loc?.start ?? -1;
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode =>
      d.kind === Kind.OPERATION_DEFINITION &&
      d.loc !== undefined &&
      d.loc.start <= start &&
      start < d.loc.end,
  );
  if (operation === undefined) return [];
  const inner = innerPath(error.message, name);
  // Fragments count too: a variable can be passed inside a fragment the operation spreads.
  const scope = [operation, ...document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION)];
  const paths = scope.flatMap((node) => argumentPathsOf(node, name)).map((path) => path + inner);
  return [...new Set(paths)];
}

/** The part of ` at "f.minGrade"` after the variable's name (`.minGrade`), or '' when the whole value is wrong. */
function innerPath(message: string, name: string): string {
  const marker = ` at "${name}`;
  const at = message.indexOf(marker);
  if (at < 0) return '';
  const rest = message.slice(at + marker.length);
  return /^((?:\.\w+|\[\d+\])*)"/.exec(rest)?.[1] ?? '';
}

/** Where `node` passes `$name` to an argument: `first`, `filter`, or `filter.postedAfter` inside a literal. */
function argumentPathsOf(node: ASTNode, name: string): string[] {
  const paths: string[] = [];
  visit(node, {
    Variable(variable, _key, parent, _path, ancestors) {
      if (variable.name.value !== name) return;
      // `ancestors` stops short of the parent; arrays (lists of arguments, fields, values) are not steps.
      const chain = [...ancestors, parent].filter((a): a is ASTNode => a !== undefined && !Array.isArray(a));
      let argumentAt = chain.length - 1;
      while (argumentAt >= 0 && chain[argumentAt]!.kind !== Kind.ARGUMENT) argumentAt -= 1;
      // Only a variable definition holds a variable outside any argument.
      if (argumentAt < 0) return;
      const steps = [...chain.slice(argumentAt), variable];
      let path = '';
      steps.forEach((step, i) => {
        if (step.kind === Kind.ARGUMENT || step.kind === Kind.OBJECT_FIELD) {
          path += (path === '' ? '' : '.') + step.name.value;
        } else if (step.kind === Kind.LIST) {
          const next = steps[i + 1];
          path += `[${next === undefined ? 0 : step.values.indexOf(next as never)}]`;
        }
      });
      paths.push(path);
    },
  });
  return paths;
}
