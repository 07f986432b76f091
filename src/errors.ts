/**
 * The `code` of a thrown value, whatever was thrown: Node's errno codes (`ENOENT`), our error codes
 * (`EMBEDDED_DB_DATA_DIR_IN_USE`), the MongoDB server's numeric codes as their decimal string (`'11000'`).
 *
 * @param error - anything caught
 * @returns the code, or undefined when the value has no string or number `code`; never throws
 */
export function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  let code: unknown;
  try {
    code = (error as { code?: unknown }).code;
  } catch {
    // A getter that throws (a proxy, a half-built object) has no code to read.
    return undefined;
  }
  if (typeof code === 'string') return code;
  return typeof code === 'number' ? String(code) : undefined;
}

/**
 * The message of a thrown value, whatever was thrown: an Error's message, otherwise the value as text.
 *
 * @param error - anything caught
 * @returns one line of text; never throws
 */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  try {
    return String(error);
  } catch {
    return 'unknown error';
  }
}
