import type { ApolloServer } from '@apollo/server';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { DocumentNode } from 'graphql';
import { GraphQLClient } from 'graphql-request';

import { loadConfig } from '../../src/config';
import { createContext, type GraphqlContext } from '../../src/graphql/context';
import { createApolloServer, type GraphqlDeps } from '../../src/graphql/server';
import { startHttpServer } from '../../src/http/app';
import { silentLogger } from './logger';

/** The admin token every GraphQL test uses. */
export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

/** Dependencies for tests: NODE_ENV=test config, a silent logger, and a runEtl that must be stubbed to be used. */
export function testGraphqlDeps(overrides: Partial<GraphqlDeps> = {}): GraphqlDeps {
  return {
    config: loadConfig({ NODE_ENV: 'test' }),
    logger: silentLogger(),
    adminToken: TEST_ADMIN_TOKEN,
    runEtl: () => Promise.reject(new Error('runEtl is not stubbed in this test')),
    ...overrides,
  };
}

export interface GraphqlTestApp {
  /** e.g. http://127.0.0.1:43210/graphql */
  readonly endpoint: string;
  /** A graphql-request client, with `Authorization: Bearer <token>` when a token is given. */
  client(token?: string): GraphQLClient;
  close(): Promise<void>;
}

/** Starts the service's own HTTP app (src/http/app.ts: /graphql, /healthz, timeouts) on 127.0.0.1, port 0. */
export async function startGraphqlTestApp(overrides: Partial<GraphqlDeps> = {}): Promise<GraphqlTestApp> {
  const server = await startHttpServer(testGraphqlDeps(overrides), { host: '127.0.0.1', port: 0 });
  const endpoint = `${server.url}/graphql`;
  return {
    endpoint,
    client: (token) =>
      new GraphQLClient(
        endpoint,
        token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } },
      ),
    close: () => server.close(),
  };
}

/** Apollo without HTTP, for resolver tests through `executeOperation`. */
export interface GraphqlTestServer {
  readonly server: ApolloServer<GraphqlContext>;
  /**
   * Runs one operation as a request with the given Authorization header would.
   *
   * @returns the single result: data and errors
   */
  execute<TData, TVariables extends Record<string, unknown>>(
    document: TypedDocumentNode<TData, TVariables>,
    variables?: TVariables,
    options?: { authorization?: string; now?: Date },
  ): Promise<{ data?: TData | null; errors?: readonly GraphqlTestError[] }>;
  /** The same, for an untyped document (a query string the test writes inline). */
  executeRaw(
    query: string,
    variables?: Record<string, unknown>,
    options?: { authorization?: string },
  ): Promise<{ data?: Record<string, unknown> | null; errors?: readonly GraphqlTestError[] }>;
}

export interface GraphqlTestError {
  message: string;
  path?: readonly (string | number)[];
  extensions?: Record<string, unknown>;
}

export async function createGraphqlTestServer(
  overrides: Partial<GraphqlDeps> = {},
): Promise<GraphqlTestServer> {
  const deps = testGraphqlDeps(overrides);
  const server = await createApolloServer(deps);
  const run = async <TData>(
    query: DocumentNode | string,
    variables: Record<string, unknown> = {},
    options: { authorization?: string; now?: Date } = {},
  ): Promise<{ data?: TData | null; errors?: readonly GraphqlTestError[] }> => {
    const response = await server.executeOperation<TData>(
      { query, variables },
      { contextValue: createContext(deps, options.authorization, options.now) },
    );
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    const { data, errors } = response.body.singleResult;
    return { data, errors: errors as readonly GraphqlTestError[] | undefined };
  };
  return {
    server,
    execute: (document, variables, options) => run(document, variables, options),
    executeRaw: (query, variables, options) => run(query, variables, options),
  };
}
