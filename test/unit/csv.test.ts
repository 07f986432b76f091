import { parse } from 'csv-parse/sync';
import fc from 'fast-check';

import { csvField, csvRecord, neutralizeFormula } from '../../src/http/csv';

describe('CSV fields (RFC 4180)', () => {
  it('when a field holds no comma, quote, CR or LF, then it is written as is', () => {
    expect(csvField('Data Engineer')).toBe('Data Engineer');
    expect(csvField(123_456.5)).toBe('123456.5');
    expect(csvField(true)).toBe('true');
  });

  it('when a field is null or undefined, then it is empty', () => {
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvRecord(['a', null, 'c'])).toBe('a,,c\r\n');
  });

  it('when a field holds a comma, a quote, CR or LF, then it is quoted with quotes doubled', () => {
    expect(csvField('Chicago, Illinois')).toBe('"Chicago, Illinois"');
    expect(csvField('The "Data" Team')).toBe('"The ""Data"" Team"');
    expect(csvField('line one\nline two')).toBe('"line one\nline two"');
    expect(csvField('carriage\rreturn')).toBe('"carriage\rreturn"');
    expect(csvField('"')).toBe('""""');
  });

  it('when records are written, then each ends in CRLF', () => {
    expect(csvRecord(['a', 'b'])).toBe('a,b\r\n');
    expect(csvRecord([])).toBe('\r\n');
  });

  it('when any text is written, then a strict RFC 4180 parser reads back the same field', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary' }), { minLength: 1, maxLength: 6 }), (fields) => {
        const text = csvRecord(fields) + csvRecord(fields);
        const rows = parse(text, { record_delimiter: '\r\n', relax_quotes: false }) as string[][];
        expect(rows).toEqual([fields.map(neutralizeFormula), fields.map(neutralizeFormula)]);
      }),
      { numRuns: 500 },
    );
  });
});

describe('formula injection', () => {
  it.each(['=1+1', '+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1', '=HYPERLINK("https://evil.example","x")'])(
    'when text starts with a formula character (%j), then it gets a leading single quote',
    (text) => {
      expect(neutralizeFormula(text)).toBe(`'${text}`);
      const [[cell]] = parse(csvRecord([text])) as string[][];
      expect(cell).toBe(`'${text}`);
    },
  );

  it('when a formula character is not the first character, then the text is unchanged', () => {
    expect(neutralizeFormula('GS-12 = grade')).toBe('GS-12 = grade');
    expect(neutralizeFormula("'quoted")).toBe("'quoted");
    expect(neutralizeFormula('')).toBe('');
  });

  it('when a number is written, then it is not neutralized (the service writes no negative numbers)', () => {
    expect(csvField(-5)).toBe('-5');
  });
});
