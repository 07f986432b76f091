import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';

/** `YYYY-MM-DD`: a calendar date without a time. */
const PLAIN_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The `DateTimeISO` scalar of graphql-scalars (the contract's name, and what type-graphql maps `Date` to), widened
 * on input only: a plain date such as `2026-11-01` is accepted too and means midnight UTC that day. Output and every
 * date-time input are exactly graphql-scalars', so the contract and every client stay as they were.
 */
export const DateTimeIsoScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTimeISO',
  description:
    'An instant, sent as an RFC 3339 date-time string in UTC such as 2026-11-01T14:30:00.000Z. As input, any ' +
    'RFC 3339 date-time (with Z or an offset) is accepted, and so is a plain date such as 2026-11-01, which means ' +
    'midnight UTC that day.',
  serialize: (value) => GraphQLDateTimeISO.serialize(value) as string,
  parseValue(value) {
    return (typeof value === 'string' && plainDate(value)) || (GraphQLDateTimeISO.parseValue(value) as Date);
  },
  parseLiteral(ast: ValueNode, variables) {
    return (
      (ast.kind === Kind.STRING && plainDate(ast.value)) ||
      (GraphQLDateTimeISO.parseLiteral(ast, variables) as Date)
    );
  },
  extensions: GraphQLDateTimeISO.extensions,
});

/**
 * @returns midnight UTC of the date, or undefined when `text` is not shaped as a plain date (then it is read as a
 *   date-time)
 * @throws GraphQLError when it is shaped as one but names no day of the calendar (2026-02-30)
 */
function plainDate(text: string): Date | undefined {
  if (!PLAIN_DATE.test(text)) return undefined;
  const date = new Date(`${text}T00:00:00.000Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text) {
    throw new GraphQLError(`DateTimeISO cannot represent an invalid date ${JSON.stringify(text)}`);
  }
  return date;
}
