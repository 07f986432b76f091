/*
 * CSV as RFC 4180 writes it: records end in CRLF; a field that holds a comma, a double quote, CR or LF is enclosed
 * in double quotes, with each double quote inside doubled. Pure: no I/O.
 */

/** Characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection"), tab and CR included. */
const FORMULA_START = /^[=+\-@\t\r]/;
/** Characters that force a field into quotes (RFC 4180 §2.6). */
const NEEDS_QUOTES = /[",\r\n]/;

/** The line end of every record, header included. */
export const CSV_LINE_END = '\r\n';

/**
 * Makes text safe to open in a spreadsheet: a value that starts with `=`, `+`, `-`, `@`, a tab or CR gets a single
 * quote in front, so Excel, LibreOffice and Google Sheets show it as text instead of evaluating it (a posting
 * titled `=HYPERLINK(...)` stays a title). Only text from postings passes through here: numbers and dates that
 * this service writes never start with one of these characters.
 *
 * @returns the text, prefixed with `'` when it would start a formula
 */
export function neutralizeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * One field of a record: quoted when RFC 4180 requires it, quotes doubled.
 *
 * @param value - text (neutralized against formulas), a number, a boolean, or null/undefined for an empty field
 */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? neutralizeFormula(value) : String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * One record, CRLF included.
 *
 * @returns the fields joined by commas, each formatted by {@link csvField}
 */
export function csvRecord(values: readonly (string | number | boolean | null | undefined)[]): string {
  return values.map(csvField).join(',') + CSV_LINE_END;
}
