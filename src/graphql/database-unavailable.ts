import type { ApolloServerPlugin } from '@apollo/server';

import { ErrorCode } from './errors';

/**
 * Answers HTTP 503 when an operation failed because the database was unreachable (`formatError` has turned those
 * errors into DATABASE_UNAVAILABLE): load balancers and clients then retry instead of reading a 200 as an answer.
 * A status set from the formatted errors, because the driver's errors carry no `extensions.http` of their own.
 */
export function databaseUnavailablePlugin<TContext extends object>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const errors = response.body.singleResult.errors ?? [];
          if (errors.some((error) => error.extensions?.code === ErrorCode.DATABASE_UNAVAILABLE)) {
            response.http.status = 503;
          }
        },
      };
    },
  };
}
