import http from 'node:http';
import type { AddressInfo } from 'node:net';

import cors from 'cors';
import express from 'express';

import { pingDb } from '../db/connection';
import { buildGraphqlSchema } from '../graphql/schema';
import { createGraphqlMiddleware, type GraphqlDeps } from '../graphql/server';
import { answerLane } from './answer-lane';
import { createDashboardRouter } from './dashboard';
import { createCsvExportHandler } from './export-csv';
import { liveness } from './liveness';
import { requestLog } from './request-log';

/** Longest a client may take to send its request headers (Node's default: 60 s); slow-header attacks end here. */
export const HEADERS_TIMEOUT_MS = 10_000;
/** Longest a client may take to send a whole request (Node's default: 300 s); bodies are at most 100 kb. */
export const REQUEST_RECEIVE_TIMEOUT_MS = 30_000;

/** How long a browser may cache a preflight answer, in seconds. */
export const CORS_MAX_AGE_S = 600;

/**
 * CORS for the allowed origins only (CORS_ORIGINS): a preflight from one of them gets 204 allowing POST/GET with
 * the headers a GraphQL client sends; any other origin gets no allow header, so its browser keeps the answer from
 * the page. No cookies are involved (the admin token travels in Authorization), hence no `credentials`.
 * CSRF prevention (Apollo's `csrfPrevention`) still applies to every request that is not a preflight.
 */
function corsFor(origins: readonly string[]): express.RequestHandler {
  return cors({
    origin: [...origins],
    methods: ['GET', 'POST'],
    allowedHeaders: ['content-type', 'authorization', 'apollo-require-preflight', 'x-apollo-operation-name'],
    maxAge: CORS_MAX_AGE_S,
  });
}

/** What the HTTP app serves besides the API. */
export interface HttpOptions {
  /** The built dashboard (index.html and assets/); default: web/dist of the project (src/http/dashboard.ts). */
  dashboardDir?: string;
}

export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:4000`. */
  readonly url: string;
  readonly httpServer: http.Server;
  /** Stops accepting requests, drains in-flight ones and stops Apollo. */
  close(): Promise<void>;
}

/**
 * Starts the HTTP API: `POST /graphql` (Sandbox on `GET /graphql` in development), `GET /healthz` (readiness: the
 * database answers), `GET /livez` (liveness: the process answers, database or not), with
 * `deps.metrics` `GET /metrics` (Prometheus text), `GET /export/jobs.csv` and the dashboard at `/`. Every request
 * gets an id (`x-request-id`) and one log line.
 *
 * @param deps - configuration, logger, admin token and the ETL entry point the mutations call
 * @param listen - where to listen; port 0 picks a free port (tests)
 * @param options - where the built dashboard is
 * @returns the running server
 */
export async function startHttpServer(
  deps: GraphqlDeps,
  listen: { host: string; port: number },
  options: HttpOptions = {},
): Promise<RunningServer> {
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer();
  // Node answers 408 and closes the connection past these; the GraphQL deadline (src/graphql/limits.ts) bounds the
  // time to an answer once a request is in.
  httpServer.headersTimeout = HEADERS_TIMEOUT_MS;
  httpServer.requestTimeout = REQUEST_RECEIVE_TIMEOUT_MS;

  const log = requestLog(deps.logger);
  app.use(log);
  if (deps.metrics) app.use(deps.metrics.httpMiddleware());

  const live = liveness();
  app.get('/livez', live.handle);
  app.get('/healthz', async (_req, res) => {
    const up = await pingDb();
    res.status(up ? 200 : 503).json({
      status: up ? 'ok' : 'degraded',
      db: up ? 'up' : 'down',
      nextEtlRunAt: deps.schedule?.().nextRunAt?.toISOString() ?? null,
    });
  });

  const { metrics } = deps;
  if (metrics) {
    app.get('/metrics', async (_req, res) => {
      const { contentType, body } = await metrics.scrape();
      res.type(contentType).send(body);
    });
  }

  const graphql = await createGraphqlMiddleware(deps, httpServer);
  // Before the GraphQL middleware: a preflight (OPTIONS) is answered here and never reaches CSRF prevention.
  if (deps.config.CORS_ORIGINS.length > 0) app.use('/graphql', corsFor(deps.config.CORS_ORIGINS));
  app.use('/graphql', graphql.middleware);

  // The export validates its filter against the API's own JobFilter input: one schema, built on first use.
  let schema: ReturnType<typeof buildGraphqlSchema> | undefined;
  app.get(
    '/export/jobs.csv',
    createCsvExportHandler({ logger: deps.logger, schema: () => (schema ??= buildGraphqlSchema()) }),
  );
  // Last: only what no route above answered reaches the dashboard's files.
  app.use(createDashboardRouter(options.dashboardDir));
  // Kept answers go out before Express; everything else comes through to the app.
  httpServer.on(
    'request',
    answerLane(
      { answers: graphql.answers, requestLog: log, metrics, corsOrigins: deps.config.CORS_ORIGINS },
      app,
    ),
  );

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(listen.port, listen.host, () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  const host = listen.host === '0.0.0.0' || listen.host === '::' ? '127.0.0.1' : listen.host;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    httpServer,
    async close() {
      // Apollo's drain plugin closes the HTTP server and waits for in-flight requests.
      await graphql.stop();
      if (httpServer.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      live.stop();
    },
  };
}
