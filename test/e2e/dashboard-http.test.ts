import 'reflect-metadata';

import { tmpdir } from 'node:os';
import path from 'node:path';

import { type RunningServer, startHttpServer } from '../../src/http/app';
import { DASHBOARD_CSP } from '../../src/http/dashboard';
import { ServiceMetrics } from '../../src/metrics/service-metrics';
import { buildDashboard } from '../support/dashboard-build';
import { testGraphqlDeps } from '../support/graphql-app';
import { exchange, type HttpAnswer } from '../support/http-exchange';
import { silentLogger } from '../support/logger';
import { parsePrometheusText } from '../support/prometheus-text';

/** One GET with the headers given, the body undecoded. */
function get(url: string, headers: Record<string, string> = {}): Promise<HttpAnswer> {
  return exchange(url, { headers });
}

describe('the dashboard over HTTP', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startHttpServer(
      testGraphqlDeps(),
      { host: '127.0.0.1', port: 0 },
      { dashboardDir: buildDashboard() },
    );
  }, 180_000);
  afterAll(async () => {
    await server.close();
  });

  it('when / is asked for, then index.html comes with a self-only CSP and is revalidated on every load', async () => {
    const response = await get(`${server.url}/`);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-security-policy']).toBe(DASHBOARD_CSP);
    expect(DASHBOARD_CSP).toContain("default-src 'self'");
    expect(DASHBOARD_CSP).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers.etag).toBeDefined();
    expect(response.body.toString('utf8')).toContain('<div id="app"></div>');
  });

  it('when a hashed asset is asked for, then it is cached for a year as immutable and sent gzipped when accepted', async () => {
    const html = (await get(`${server.url}/`)).body.toString('utf8');
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1]!;
    const plain = await get(`${server.url}${script}`);
    expect(plain.status).toBe(200);
    expect(plain.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(plain.headers['content-encoding']).toBeUndefined();

    const gzipped = await get(`${server.url}${script}`, { 'accept-encoding': 'gzip' });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.body.length).toBeLessThan(plain.body.length / 2);
  });

  it('when an ETag is sent back for index.html, then the answer is 304 without a body', async () => {
    const first = await get(`${server.url}/`);
    const again = await get(`${server.url}/`, { 'if-none-match': String(first.headers.etag) });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });

  it('when the API, health and export routes are asked for, then they answer as before (the dashboard comes last)', async () => {
    expect((await get(`${server.url}/healthz`)).headers['content-type']).toMatch(/^application\/json/);
    const graphql = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(await graphql.json()).toEqual({ data: { __typename: 'Query' } });
    expect(graphql.headers.get('content-security-policy')).toBeNull();
    expect((await get(`${server.url}/export/jobs.csv?bogus=1`)).status).toBe(400);
  });

  it('when the dashboard, its assets and the CSV export are asked for, then /metrics counts each under its own route label', async () => {
    const metrics = new ServiceMetrics({ logger: silentLogger() });
    const measured = await startHttpServer(
      testGraphqlDeps({ metrics }),
      { host: '127.0.0.1', port: 0 },
      { dashboardDir: buildDashboard() },
    );
    try {
      const html = (await get(`${measured.url}/`)).body.toString('utf8');
      const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1]!;
      expect((await get(`${measured.url}${script}`)).status).toBe(200);
      // A bad parameter answers before the database is read (this file has none).
      expect((await get(`${measured.url}/export/jobs.csv?bogus=1`)).status).toBe(400);
      expect((await get(`${measured.url}/nope.js`)).status).toBe(404);
      const scraped = parsePrometheusText((await get(`${measured.url}/metrics`)).body.toString('utf8'));
      const count = (route: string, status: string): number | undefined =>
        scraped.value('http_requests_total', { method: 'GET', route, status });
      expect(count('dashboard', '200')).toBe(1);
      expect(count('dashboard_assets', '200')).toBe(1);
      expect(count('export_csv', '400')).toBe(1);
      expect(count('other', '404')).toBe(1);
    } finally {
      await measured.close();
    }
  });

  it('when a path is neither a route nor a file of the build, then it is 404', async () => {
    expect((await get(`${server.url}/nope.js`)).status).toBe(404);
  });

  it('when the dashboard was not built, then / says how to build it', async () => {
    const bare = await startHttpServer(
      testGraphqlDeps(),
      { host: '127.0.0.1', port: 0 },
      { dashboardDir: path.join(tmpdir(), 'job-tracker-no-dashboard-here') },
    );
    try {
      const response = await get(`${bare.url}/`);
      expect(response.status).toBe(503);
      expect(response.body.toString('utf8')).toContain('npm run build');
    } finally {
      await bare.close();
    }
  });
});
