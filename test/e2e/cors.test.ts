import 'reflect-metadata';

import { loadConfig } from '../../src/config';
import { useTestDatabase } from '../support/db';
import { type GraphqlTestApp, startGraphqlTestApp } from '../support/graphql-app';

useTestDatabase();

const ALLOWED = 'https://jobs.example.com';
const OTHER = 'https://elsewhere.example.net';

/** What a browser sends before a cross-origin JSON POST with a bearer token. */
function preflight(endpoint: string, origin: string): Promise<Response> {
  return fetch(endpoint, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type,authorization',
    },
  });
}

function post(endpoint: string, origin: string, contentType = 'application/json'): Promise<Response> {
  return fetch(endpoint, {
    method: 'POST',
    headers: { origin, 'content-type': contentType },
    body: JSON.stringify({ query: '{ jobs { totalCount } }' }),
  });
}

describe('CORS with an allow-list (CORS_ORIGINS)', () => {
  let app: GraphqlTestApp;
  beforeAll(async () => {
    app = await startGraphqlTestApp({
      config: loadConfig({ NODE_ENV: 'test', CORS_ORIGINS: `${ALLOWED}, http://localhost:5173` }),
    });
  });
  afterAll(async () => {
    await app.close();
  });

  it('when an allowed origin sends a preflight, then 204 allows it, POST and the headers a client needs', async () => {
    const response = await preflight(app.endpoint, ALLOWED);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(response.headers.get('access-control-allow-methods')).toMatch(/POST/);
    const allowed = (response.headers.get('access-control-allow-headers') ?? '').toLowerCase();
    expect(allowed).toContain('content-type');
    expect(allowed).toContain('authorization');
    expect(response.headers.get('vary')).toMatch(/origin/i);
  });

  it('when an allowed origin POSTs a query, then the answer carries its allow header', async () => {
    const response = await post(app.endpoint, ALLOWED);
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(await response.json()).toEqual({ data: { jobs: { totalCount: 0 } } });
  });

  it('when another origin sends a preflight or a POST, then no allow header comes back', async () => {
    const pre = await preflight(app.endpoint, OTHER);
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
    const response = await post(app.endpoint, OTHER);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('when an allowed origin sends a request a form could send (text/plain), then CSRF prevention still refuses it', async () => {
    const response = await post(app.endpoint, ALLOWED, 'text/plain');
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/CSRF/);
  });
});

describe('CORS by default (CORS_ORIGINS empty)', () => {
  it('when any origin sends a preflight or a POST, then no CORS header is sent', async () => {
    const app = await startGraphqlTestApp({ config: loadConfig({ NODE_ENV: 'test' }) });
    try {
      const pre = await preflight(app.endpoint, ALLOWED);
      expect(pre.headers.get('access-control-allow-origin')).toBeNull();
      expect(pre.headers.get('access-control-allow-methods')).toBeNull();
      const response = await post(app.endpoint, ALLOWED);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await app.close();
    }
  });
});
