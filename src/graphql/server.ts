import type http from 'node:http';

import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';

import type { Config } from '../config';
import type { EtlRequest } from '../etl/run-etl';
import type { Logger } from '../logger';
import type { ServiceMetrics } from '../metrics/service-metrics';
import type { EtlRun } from '../models/etl-run.model';
import type { EtlScheduleState } from '../scheduler/etl-scheduler';
import { AnswerCache } from './answer-cache';
import { bearerTokenOf, isAdminToken } from './auth';
import { createContext, type GraphqlContext } from './context';
import { databaseUnavailablePlugin } from './database-unavailable';
import { ErrorCode } from './errors';
import { createErrorFormatter, INTERNAL_ERROR_MESSAGE } from './format-error';
import { NoIntrospectionRule } from './introspection';
import { DEFAULT_GRAPHQL_LIMITS, type GraphqlLimits, queryLimitsPlugin } from './limits';
import { lateResponseHandler, requestDeadline } from './request-deadline';
import { buildGraphqlSchema } from './schema';

/** Largest JSON body accepted on /graphql. */
export const MAX_BODY_SIZE = '100kb';
/** The same in bytes (body-parser counts a kb as 1024 bytes), for the Lambda handler. */
export const MAX_BODY_SIZE_BYTES = 100 * 1024;

/** Requests whose body was read before the GraphQL router (src/http/answer-lane.ts) and is not JSON. */
const unparsableBodies = new WeakSet<http.IncomingMessage>();

/** The error the JSON body parser (body-parser, strict) raises for a body that is not a JSON object or array. */
const BODY_PARSE_FAILED = Object.freeze({ status: 400, type: 'entity.parse.failed' });

/**
 * Tells the GraphQL router that `req`'s body, read before it, is not a JSON object or array: the router refuses it
 * with the answer its JSON body parser gives such a body.
 */
export function refuseBodyAsUnparsable(req: http.IncomingMessage): void {
  unparsableBodies.add(req);
}

/** What the GraphQL API needs from the process. */
export interface GraphqlDeps {
  config: Config;
  logger: Logger;
  /** The admin bearer token, already resolved (generated in development when unset). Never logged. */
  adminToken: string;
  /** Starts one ETL run (trigger bound by the caller) and resolves to its record when it ends. */
  runEtl: (request: EtlRequest) => Promise<EtlRun>;
  /**
   * Starts one ETL run and resolves to its RUNNING record as soon as it is recorded; the run goes on in the
   * background of the process (`runEtl(wait: false)`). Unset where nothing outlives a request (Lambda): refused.
   */
  startEtl?: (request: EtlRequest) => Promise<EtlRun>;
  /** This process's ETL schedule (the `etlSchedule` query, /healthz); unset: none. */
  schedule?: () => EtlScheduleState;
  /** The process's metrics: a GraphQL plugin counts operations, the HTTP app serves /metrics. Unset: none. */
  metrics?: ServiceMetrics;
  /** Query limits and deadlines; the defaults of src/graphql/limits.ts for what is not given (tests lower them). */
  limits?: Partial<GraphqlLimits>;
}

/**
 * Creates the Apollo server over the type-graphql schema, not started (tests call `executeOperation` on it).
 *
 * Development: Sandbox landing page, introspection and unmasked internal messages. Elsewhere: none of them
 * (introspection can be turned on with GRAPHQL_INTROSPECTION=true). Never a stack trace in a response, in any mode:
 * they go to the log. CSRF prevention, the query limits of src/graphql/limits.ts and no batched requests always.
 *
 * @param plugins - extra plugins, e.g. the HTTP drain
 */
export async function createApolloServer(
  deps: Pick<GraphqlDeps, 'config' | 'logger' | 'metrics' | 'limits'>,
  plugins: ApolloServerPlugin<GraphqlContext>[] = [],
): Promise<ApolloServer<GraphqlContext>> {
  const development = deps.config.NODE_ENV === 'development';
  const introspection = deps.config.GRAPHQL_INTROSPECTION ?? development;
  const limits = { ...DEFAULT_GRAPHQL_LIMITS, ...deps.limits };
  return new ApolloServer<GraphqlContext>({
    schema: await buildGraphqlSchema(),
    nodeEnv: deps.config.NODE_ENV,
    csrfPrevention: true,
    // One operation per request: a JSON array body is refused with 400, so the limits below hold per request.
    allowBatchedHttpRequests: false,
    parseOptions: { maxTokens: limits.maxTokens },
    maxRecursiveSelections: limits.maxRecursiveSelections,
    // The process owns shutdown (it calls stop()); Apollo's own signal handlers would race with it.
    stopOnTerminationSignals: false,
    // Apollo's own refusal names its constructor option; ours (a validation rule) names GRAPHQL_INTROSPECTION.
    introspection: true,
    validationRules: introspection ? [] : [NoIntrospectionRule],
    // Without introspection, "did you mean …" suggestions would leak the schema too.
    hideSchemaDetailsFromClientErrors: !introspection,
    // A stack names our files and absolute paths; a fuzz run of malformed requests got one in 4 of 5 answers.
    // Developers read it in the log (format-error.ts logs every unexpected error with its stack).
    includeStacktraceInErrorResponses: false,
    formatError: createErrorFormatter({ logger: deps.logger, development }),
    logger: deps.logger,
    plugins: [
      ...plugins,
      ...(deps.metrics ? [deps.metrics.graphqlPlugin()] : []),
      queryLimitsPlugin(limits),
      databaseUnavailablePlugin(),
      // No cache hints are used; Apollo's default cache-control plugin would wrap every field resolver to read them.
      ApolloServerPluginCacheControlDisabled(),
      development
        ? ApolloServerPluginLandingPageLocalDefault({ embed: true })
        : ApolloServerPluginLandingPageDisabled(),
    ],
  });
}

/**
 * Starts the GraphQL API and returns it as one Express handler, JSON body parsing (100 kb) and the request deadline
 * included: mount it with `app.use('/graphql', middleware)`. An `express.json()` mounted before it is harmless (the
 * body is parsed once).
 *
 * @param httpServer - the server the app listens on; `stop()` drains it (Apollo's drain plugin closes it)
 * @returns the handler, the answer cache (for the answer lane, src/http/answer-lane.ts) and `stop()`, which stops
 *   Apollo after in-flight requests finish
 */
export async function createGraphqlMiddleware(
  deps: GraphqlDeps,
  httpServer: http.Server,
): Promise<{ middleware: express.RequestHandler; answers: AnswerCache; stop: () => Promise<void> }> {
  const answers = new AnswerCache(deps.metrics);
  const server = await createApolloServer(deps, [
    ApolloServerPluginDrainHttpServer({ httpServer }),
    answers.plugin(),
  ]);
  await server.start();

  const { requestTimeoutMs, adminRequestTimeoutMs } = { ...DEFAULT_GRAPHQL_LIMITS, ...deps.limits };
  const router = express.Router();
  router.use(
    requestDeadline(
      (req) =>
        isAdminToken(bearerTokenOf(req.headers.authorization), deps.adminToken)
          ? adminRequestTimeoutMs
          : requestTimeoutMs,
      deps.logger,
    ),
    (req, _res, next) => next(unparsableBodies.has(req) ? BODY_PARSE_FAILED : undefined),
    express.json({ limit: MAX_BODY_SIZE }),
    answers.middleware(),
    expressMiddleware(server, {
      // req.log (src/http/request-log.ts) carries the request id, so resolvers' log lines do too.
      context: async ({ req }) => {
        const context = createContext({ ...deps, logger: req.log ?? deps.logger }, req.headers.authorization);
        answers.attach(req, context);
        return context;
      },
    }),
  );
  router.use(lateResponseHandler, bodyErrorHandler(deps.logger));
  return { middleware: router, answers, stop: () => server.stop() };
}

/**
 * Ends every error that reaches it with a GraphQL-shaped JSON answer: a body that is too large or not JSON gets a
 * 4xx, anything else a masked 500. Express's own handler would answer HTML with the stack trace outside production.
 */
function bodyErrorHandler(logger: Logger): express.ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const status = (error as { status?: unknown } | null)?.status;
    const type = (error as { type?: unknown } | null)?.type;
    if (typeof status !== 'number' || status < 400 || status >= 500 || typeof type !== 'string') {
      logger.error({ err: error }, 'unexpected error in a GraphQL request');
      res.status(500).json({
        errors: [{ message: INTERNAL_ERROR_MESSAGE, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } }],
      });
      return;
    }
    const messages: Record<string, string> = {
      'entity.too.large': `Request body larger than ${MAX_BODY_SIZE}`,
      'charset.unsupported': 'Request body charset is not supported (send UTF-8)',
      'encoding.unsupported': 'Request body content-encoding is not supported',
    };
    const message = messages[type] ?? 'Request body is not valid JSON';
    logger.debug({ err: error, status }, 'GraphQL request body refused');
    res.status(status).json({ errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] });
  };
}
