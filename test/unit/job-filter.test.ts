import fc from 'fast-check';

import { buildJobFilter, escapeRegex, KEYWORD_PATHS, keywordTerms } from '../../src/jobs/job-filter';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const OPEN = { applicationCloseDate: { $gt: NOW } };

describe('escapeRegex', () => {
  it('when text holds regex metacharacters, then each is escaped', () => {
    expect(escapeRegex('C++')).toBe('C\\+\\+');
    expect(escapeRegex('(a+)+$')).toBe('\\(a\\+\\)\\+\\$');
    expect(escapeRegex('^.*?[x]{2}|\\')).toBe('\\^\\.\\*\\?\\[x\\]\\{2\\}\\|\\\\');
  });

  it('when any text is escaped, then the pattern matches exactly that text, literally', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (before, text, after) => {
        const pattern = new RegExp(escapeRegex(text));
        expect(pattern.test(`${before}${text}${after}`)).toBe(true);
        expect(new RegExp(`^${escapeRegex(text)}$`).test(text)).toBe(true);
      }),
    );
  });

  it('when a term contains a metacharacter, then text without it does not match', () => {
    expect(new RegExp(escapeRegex('a.b'), 'i').test('axb')).toBe(false);
    expect(new RegExp(escapeRegex('C++'), 'i').test('CCC')).toBe(false);
  });
});

describe('keywordTerms', () => {
  it('when the keyword has runs of whitespace, then the terms are the non-blank pieces', () => {
    expect(keywordTerms('  data \t engineer\nGS-12 ')).toEqual(['data', 'engineer', 'GS-12']);
  });

  it('when the keyword is null, empty or blank, then there are no terms', () => {
    expect(keywordTerms(null)).toEqual([]);
    expect(keywordTerms('')).toEqual([]);
    expect(keywordTerms('   ')).toEqual([]);
  });
});

describe('buildJobFilter', () => {
  it('when no filter is given, then only open jobs are kept (closing after now)', () => {
    expect(buildJobFilter(undefined, NOW)).toEqual(OPEN);
    expect(buildJobFilter(null, NOW)).toEqual(OPEN);
    expect(buildJobFilter({ openOnly: null }, NOW)).toEqual(OPEN);
  });

  it('when openOnly is false and nothing else is set, then the filter is empty', () => {
    expect(buildJobFilter({ openOnly: false }, NOW)).toEqual({});
  });

  it('when the keyword has two terms, then each term must occur in one of the searched fields', () => {
    const filter = buildJobFilter({ keyword: 'data C++', openOnly: false }, NOW);
    const anyField = (pattern: string): unknown => ({
      $or: KEYWORD_PATHS.map((path) => ({ [path]: { $regex: pattern, $options: 'i' } })),
    });
    expect(filter).toEqual({ $and: [anyField('data'), anyField('C\\+\\+')] });
    expect(KEYWORD_PATHS).toEqual(
      expect.arrayContaining([
        'positionTitle',
        'organizationName',
        'departmentName',
        'qualificationSummary',
        'jobSummary',
      ]),
    );
  });

  it('when every criterion is set, then each becomes one clause with the documented comparison', () => {
    const postedAfter = new Date('2026-01-01T00:00:00.000Z');
    const filter = buildJobFilter(
      {
        location: ' chicago ',
        department: 'Treasury',
        minSalary: 90_000,
        maxSalary: 120_000,
        minGrade: 11,
        maxGrade: 13,
        remote: true,
        openOnly: true,
        postedAfter,
      },
      NOW,
    );
    expect(filter).toEqual({
      $and: [
        { 'positionLocation.locationName': { $regex: 'chicago', $options: 'i' } },
        { departmentName: { $regex: 'Treasury', $options: 'i' } },
        { 'annualSalary.max': { $gte: 90_000 } },
        { 'annualSalary.min': { $lte: 120_000 } },
        { highGrade: { $gte: 11 } },
        { lowGrade: { $lte: 13 } },
        { remote: true },
        OPEN,
        { publicationStartDate: { $gt: postedAfter } },
      ],
    });
  });

  it('when remote is false or a bound is 0, then it still constrains (only null and absent mean "not set")', () => {
    expect(buildJobFilter({ remote: false, minSalary: 0, openOnly: false }, NOW)).toEqual({
      $and: [{ 'annualSalary.max': { $gte: 0 } }, { remote: false }],
    });
  });

  it('when a user string looks like an operator, then it is only ever a $regex value, never a key', () => {
    const filter = buildJobFilter(
      { keyword: '{"$where":"1"}', location: '$ne', department: '$gt', openOnly: false },
      NOW,
    );
    const keys: string[] = [];
    JSON.stringify(filter, (key, value: unknown) => {
      keys.push(key);
      return value;
    });
    expect(keys.filter((k) => k.startsWith('$'))).toEqual(
      expect.arrayContaining(['$and', '$or', '$regex', '$options']),
    );
    expect(keys).not.toContain('$where');
    expect(keys).not.toContain('$ne');
    expect(keys).not.toContain('$gt');
  });
});
