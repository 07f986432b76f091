/**
 * A read asked for something that cannot be answered as asked (e.g. a cursor made for another sort). Code
 * `BAD_USER_INPUT`; `argument` names the offending argument so the API can say which.
 */
export class JobQueryError extends Error {
  override readonly name = 'JobQueryError';
  readonly code = 'BAD_USER_INPUT';

  constructor(
    message: string,
    /** The argument at fault, e.g. `after`. */
    readonly argument: string,
  ) {
    super(message);
  }
}
