import { ValidateBy, type ValidationArguments } from 'class-validator';

import type { RelatedArgumentsContext } from '../format-error';

/*
 * Constraints between two fields of one input. The message starts with the verb (the error formatter prefixes the
 * field's full path); `context.related` names the other field, so the error lists both argument paths.
 */

function siblingOf(args: ValidationArguments | undefined, name: string): unknown {
  return (args?.object as Record<string, unknown> | undefined)?.[name];
}

/**
 * The field, when set, is at most `upper` when that is set too: `minSalary` against `maxSalary`, where a lower
 * bound above the upper one could only ever match nothing.
 */
export function NotAbove(upper: string): PropertyDecorator {
  const context: RelatedArgumentsContext = { related: [upper] };
  return ValidateBy(
    {
      name: 'notAbove',
      constraints: [upper],
      validator: {
        validate(value: unknown, args) {
          const other = siblingOf(args, upper);
          return typeof value !== 'number' || typeof other !== 'number' || value <= other;
        },
      },
    },
    { message: `must not be greater than ${upper}`, context },
  );
}

/**
 * A new name and its deprecated alias, when both are given, say the same (compared as the filter compares text:
 * trimmed, ignoring case); otherwise the client meant two different things and gets told so.
 */
export function AgreesWithAlias(alias: string): PropertyDecorator {
  const context: RelatedArgumentsContext = { related: [alias] };
  const normal = (text: string): string => text.trim().toLowerCase();
  return ValidateBy(
    {
      name: 'agreesWithAlias',
      constraints: [alias],
      validator: {
        validate(value: unknown, args) {
          const other = siblingOf(args, alias);
          return typeof value !== 'string' || typeof other !== 'string' || normal(value) === normal(other);
        },
      },
    },
    { message: `differs from ${alias}, its deprecated former name: give only one of them`, context },
  );
}
