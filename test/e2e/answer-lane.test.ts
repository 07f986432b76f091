import 'reflect-metadata';

import type { IncomingHttpHeaders } from 'node:http';
import { gzipSync } from 'node:zlib';

import { loadConfig } from '../../src/config';
import { type RunningServer, startHttpServer } from '../../src/http/app';
import { ServiceMetrics } from '../../src/metrics/service-metrics';
import { JobModel } from '../../src/models/job.model';
import { useTestDatabase } from '../support/db';
import { testGraphqlDeps } from '../support/graphql-app';
import { exchange } from '../support/http-exchange';
import { buildJob, daysFromNow, seedJobs } from '../support/job-factory';
import { captureLogger, silentLogger } from '../support/logger';
import { parsePrometheusText } from '../support/prometheus-text';

useTestDatabase();

const JOBS = JSON.stringify({
  query: 'query Lane { jobs(first: 5) { totalCount nodes { id positionTitle } } }',
  operationName: 'Lane',
});

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * One POST to /graphql. `chunked` sends the body without a content-length, which the answer lane leaves to the app
 * (so the same request can be compared on both paths).
 */
async function post(
  server: RunningServer,
  body: string | Buffer,
  options: { headers?: Record<string, string>; chunked?: boolean } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
  headers[options.chunked ? 'transfer-encoding' : 'content-length'] = options.chunked
    ? 'chunked'
    : String(Buffer.byteLength(body));
  const answer = await exchange(`${server.url}/graphql`, { method: 'POST', headers, body });
  return { ...answer, body: answer.body.toString('utf8') };
}

beforeEach(async () => {
  await JobModel.deleteMany({});
  await seedJobs([
    buildJob({ _id: 'LANE1', positionTitle: 'Analyst', applicationCloseDate: daysFromNow(3) }),
  ]);
});

describe('the answer lane (kept answers before Express)', () => {
  it('when a kept answer is asked again, then it comes with a request id, one log line naming the operation, and is counted in /metrics', async () => {
    const { logger, lines } = captureLogger('info');
    const metrics = new ServiceMetrics({ logger: silentLogger() });
    const server = await startHttpServer(testGraphqlDeps({ logger, metrics }), {
      host: '127.0.0.1',
      port: 0,
    });
    try {
      const computed = await post(server, JOBS);
      await post(server, JOBS);
      const before = lines.length;
      const kept = await post(server, JOBS, { headers: { 'x-request-id': 'client-trace-1' } });

      expect(kept.status).toBe(200);
      expect(kept.body).toBe(computed.body);
      expect(kept.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(kept.headers['x-request-id']).toBe('client-trace-1');
      expect(kept.headers['x-powered-by']).toBeUndefined();
      const logged = lines.slice(before).filter((line) => line.msg === 'request completed');
      expect(logged).toEqual([
        expect.objectContaining({
          reqId: 'client-trace-1',
          req: expect.objectContaining({ id: 'client-trace-1', method: 'POST', url: '/graphql' }),
          res: { statusCode: 200 },
          operationName: 'Lane',
          responseTime: expect.any(Number),
        }),
      ]);

      const scraped = parsePrometheusText(
        await fetch(`${server.url}/metrics`).then((response) => response.text()),
      );
      expect(scraped.value('http_requests_total', { method: 'POST', route: 'graphql', status: '200' })).toBe(
        3,
      );
      expect(
        scraped.value('graphql_operations_total', { operation: 'Lane', type: 'query', outcome: 'success' }),
      ).toBe(3);
    } finally {
      await server.close();
    }
  });

  it('when a body is not a JSON object or array, then the lane gives the answer the app gives the same body', async () => {
    const server = await startHttpServer(testGraphqlDeps(), { host: '127.0.0.1', port: 0 });
    try {
      const bodies = [
        'not json',
        '{"query": ',
        '"a string"',
        '42',
        'null',
        '',
        '   ',
        '{"query": 5}',
        '[{"query": "{ __typename }"}]',
        '\uFEFF{"query": "{ __typename }"}',
        JOBS,
      ];
      for (const body of bodies) {
        // Asked three times: a body whose answer may be kept is looked up from the second time on.
        const viaApp = await post(server, body, { chunked: true });
        for (let i = 0; i < 3; i += 1) {
          const viaLane = await post(server, body);
          expect({ body, status: viaLane.status, answer: viaLane.body }).toEqual({
            body,
            status: viaApp.status,
            answer: viaApp.body,
          });
        }
      }
      // The app refuses these with its own words, not Apollo's.
      expect(JSON.parse((await post(server, 'not json')).body)).toEqual({
        errors: [{ message: 'Request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }],
      });
    } finally {
      await server.close();
    }
  });

  it('when a request is one the lane does not read (gzip, another charset, a token), then the app answers it as before', async () => {
    const server = await startHttpServer(testGraphqlDeps(), { host: '127.0.0.1', port: 0 });
    try {
      const plain = await post(server, JOBS);
      expect(plain.status).toBe(200);
      const gzipped = await post(server, gzipSync(JOBS), { headers: { 'content-encoding': 'gzip' } });
      expect(gzipped.body).toBe(plain.body);
      const latin1 = await post(server, JOBS, {
        headers: { 'content-type': 'application/json; charset=iso-8859-1' },
      });
      expect(latin1.status).toBe(415);
      const admin = await post(server, JOBS, {
        headers: { authorization: `Bearer ${testGraphqlDeps().adminToken}` },
      });
      expect(admin.body).toBe(plain.body);
    } finally {
      await server.close();
    }
  });

  it('when CORS origins are set and an allowed page asks again, then its kept answer carries the CORS headers', async () => {
    const origin = 'https://jobs.example.com';
    const server = await startHttpServer(
      testGraphqlDeps({ config: loadConfig({ NODE_ENV: 'test', CORS_ORIGINS: origin }) }),
      { host: '127.0.0.1', port: 0 },
    );
    try {
      for (let i = 0; i < 3; i += 1) {
        const answer = await post(server, JOBS, { headers: { origin } });
        expect(answer.status).toBe(200);
        expect(answer.headers['access-control-allow-origin']).toBe(origin);
      }
    } finally {
      await server.close();
    }
  });
});
