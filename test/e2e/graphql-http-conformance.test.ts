import 'reflect-metadata';

import { type AuditResult, serverAudits } from 'graphql-http';

import { loadConfig } from '../../src/config';
import { type RunningServer, startHttpServer } from '../../src/http/app';
import { useTestDatabase } from '../support/db';
import { TEST_ADMIN_TOKEN, testGraphqlDeps } from '../support/graphql-app';

useTestDatabase();

/**
 * The audits of the GraphQL-over-HTTP spec (graphql-http's `serverAudits`) that this server does not pass, and why.
 * Pinned so a change of behaviour shows here; the README's conformance section says the same.
 */
const SHOULD_400_NOT_200 = {
  '572B': 'SHOULD use 200 on document parsing failure with application/json: Apollo answers 400',
  FDE2: 'SHOULD use 200 on document validation failure with application/json: Apollo answers 400',
  '7B9B': 'SHOULD use 200 on variable coercion failure with application/json: Apollo answers 400',
};
const MAY_GET_NEEDS_PREFLIGHT_HEADER = {
  '5A70': 'MAY accept GET: CSRF prevention refuses a GET without a preflight header',
  D6D5: 'MAY accept GET with variables: likewise',
  '6A70': 'MAY accept GET with variables: likewise',
};
// BF61 (MUST, utf-8 request), 28B9 (MUST, map variables) and 2EA1 (SHOULD, likewise) query `__type`: where
// introspection is off (the production default) they are refused as introspection, not for what they audit.

interface AuditRun {
  results: AuditResult[];
  failedMust: AuditResult[];
  notOk: Record<string, string>;
}

async function audit(url: string, extraHeaders: Record<string, string> = {}): Promise<AuditRun> {
  const fetchFn = (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const headers = new Headers(init?.headers);
    for (const [name, value] of Object.entries(extraHeaders)) headers.set(name, value);
    return fetch(input, { ...init, headers });
  };
  const results: AuditResult[] = [];
  for (const { fn } of serverAudits({ url, fetchFn })) results.push(await fn());
  return {
    results,
    failedMust: results.filter((r) => r.status === 'error'),
    notOk: Object.fromEntries(results.filter((r) => r.status !== 'ok').map((r) => [r.id, r.status])),
  };
}

describe('GraphQL over HTTP conformance (graphql-http server audits)', () => {
  let withIntrospection: RunningServer;
  let production: RunningServer;

  beforeAll(async () => {
    const listen = { host: '127.0.0.1', port: 0 };
    withIntrospection = await startHttpServer(
      testGraphqlDeps({ config: loadConfig({ NODE_ENV: 'test', GRAPHQL_INTROSPECTION: 'true' }) }),
      listen,
    );
    production = await startHttpServer(
      testGraphqlDeps({ config: loadConfig({ NODE_ENV: 'production', ADMIN_TOKEN: TEST_ADMIN_TOKEN }) }),
      listen,
    );
  });
  afterAll(async () => {
    await withIntrospection.close();
    await production.close();
  });

  it('when every audit runs against the server with introspection on, then no MUST fails; 3 SHOULD warn, 3 MAY notice', async () => {
    const run = await audit(`${withIntrospection.url}/graphql`);
    expect(run.results.length).toBeGreaterThan(50);
    expect(run.failedMust).toEqual([]);
    expect(run.notOk).toEqual({
      ...mapValues(SHOULD_400_NOT_200, 'warn'),
      ...mapValues(MAY_GET_NEEDS_PREFLIGHT_HEADER, 'notice'),
    });
  });

  it('when GET requests carry the apollo-require-preflight header Apollo asks for, then the GET audits pass too', async () => {
    const run = await audit(`${withIntrospection.url}/graphql`, { 'apollo-require-preflight': 'true' });
    expect(run.failedMust).toEqual([]);
    expect(run.notOk).toEqual(mapValues(SHOULD_400_NOT_200, 'warn'));
  });

  it('when introspection is off (production), then the only MUST failures are the audits that query __type, refused as introspection', async () => {
    const run = await audit(`${production.url}/graphql`);
    expect(run.failedMust.map((r) => r.id).sort()).toEqual(['28B9', 'BF61']);
    for (const failure of run.failedMust) {
      if (failure.status === 'ok') continue;
      expect(await failure.response.text()).toMatch(/introspection is not allowed/i);
    }
    expect(run.notOk).toEqual({
      BF61: 'error',
      '28B9': 'error',
      '2EA1': 'warn',
      ...mapValues(SHOULD_400_NOT_200, 'warn'),
      ...mapValues(MAY_GET_NEEDS_PREFLIGHT_HEADER, 'notice'),
    });
  });
});

function mapValues<T extends Record<string, unknown>, V>(record: T, value: V): Record<keyof T, V> {
  return Object.fromEntries(Object.keys(record).map((key) => [key, value])) as Record<keyof T, V>;
}
