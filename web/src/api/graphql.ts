/** An answer of the API that is not data: an error it reported (with its code) or a failed request. */
export class ApiError extends Error {
  constructor(
    message: string,
    /** The GraphQL error's `extensions.code` (e.g. UNAUTHENTICATED, BAD_USER_INPUT), or NETWORK / HTTP_<status>. */
    readonly code: string,
    /** For BAD_USER_INPUT: the paths of the arguments at fault, e.g. `filter.minGrade`. */
    readonly argumentPaths: readonly string[] = [],
  ) {
    super(message);
  }
}

interface GraphqlBody<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; arguments?: unknown } }[];
}

/**
 * Sends one operation to the service's own API (POST /graphql, same origin) and returns its data.
 *
 * @param token - the admin token, sent as a bearer token (admin mutations only)
 * @throws ApiError with the first error's message and code when the API reports an error or cannot be reached
 */
export async function graphql<T>(
  query: string,
  variables: Record<string, unknown> = {},
  options: { token?: string; signal?: AbortSignal } = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError('The service cannot be reached. Check your connection and try again.', 'NETWORK');
  }
  let body: GraphqlBody<T>;
  try {
    body = (await response.json()) as GraphqlBody<T>;
  } catch {
    throw new ApiError(`The service answered ${response.status} without data.`, `HTTP_${response.status}`);
  }
  const first = body.errors?.[0];
  if (first) {
    const paths = Array.isArray(first.extensions?.arguments) ? first.extensions.arguments.map(String) : [];
    throw new ApiError(first.message, first.extensions?.code ?? `HTTP_${response.status}`, paths);
  }
  if (body.data == null)
    throw new ApiError(`The service answered ${response.status} without data.`, `HTTP_${response.status}`);
  return body.data;
}
