import { GraphQLError, Kind } from 'graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';

import { DateTimeIsoScalar } from '../../src/graphql/scalars/date-time-iso.scalar';

const literal = (value: string) => ({ kind: Kind.STRING, value }) as const;

describe('DateTimeISO scalar', () => {
  it('when read from a variable or a literal, then a plain date means midnight UTC that day', () => {
    expect(DateTimeIsoScalar.parseValue('2026-11-01')).toEqual(new Date('2026-11-01T00:00:00.000Z'));
    expect(DateTimeIsoScalar.parseLiteral(literal('2024-02-29'), {})).toEqual(
      new Date('2024-02-29T00:00:00.000Z'),
    );
  });

  it('when given a date-time, then it reads it exactly as graphql-scalars DateTimeISO does', () => {
    for (const value of [
      '2026-11-01T10:15:30Z',
      '2026-11-01T10:15:30.123+02:00',
      '2026-11-01T00:00:00-05:00',
    ]) {
      expect(DateTimeIsoScalar.parseValue(value)).toEqual(GraphQLDateTimeISO.parseValue(value));
      expect(DateTimeIsoScalar.parseLiteral(literal(value), {})).toEqual(
        GraphQLDateTimeISO.parseLiteral(literal(value), {}),
      );
    }
  });

  it.each([
    '2026-02-30',
    '2025-02-29',
    '2026-13-01',
    '2026-1-01',
    '20261101',
    'tomorrow',
    '2026-11-01T25:00:00Z',
    '',
  ])('when given %j, then it is refused with an error that names the scalar', (value) => {
    expect(() => DateTimeIsoScalar.parseValue(value)).toThrow(GraphQLError);
    expect(() => DateTimeIsoScalar.parseLiteral(literal(value), {})).toThrow(/DateTimeISO|date/);
  });

  it('when serialized, then it writes what graphql-scalars DateTimeISO writes (an ISO instant in UTC)', () => {
    const instant = new Date('2026-11-01T10:15:30.123Z');
    expect(DateTimeIsoScalar.serialize(instant)).toBe('2026-11-01T10:15:30.123Z');
    expect(DateTimeIsoScalar.serialize(instant)).toBe(GraphQLDateTimeISO.serialize(instant));
    expect(DateTimeIsoScalar.name).toBe('DateTimeISO');
  });
});
