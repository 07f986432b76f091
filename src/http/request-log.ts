import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

import { pinoHttp } from 'pino-http';

import type { Logger } from '../logger';

/** Header that carries the request id, in and out. */
export const REQUEST_ID_HEADER = 'x-request-id';
/** A request id a client may choose: what tracing systems send (UUIDs, hex trace ids, `a.b-c:d`), nothing else. */
const CLIENT_REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
/** URLs longer than this are cut in the log (a GET /graphql carries the whole query). */
const MAX_LOGGED_URL = 1_000;

/**
 * The id of a request: the client's `x-request-id` when it is 1-128 characters of letters, digits and `._:-`
 * (starting with a letter or digit), a new UUID otherwise.
 */
export function requestIdOf(header: string | string[] | undefined): string {
  const sent = Array.isArray(header) ? header[0] : header;
  return sent !== undefined && CLIENT_REQUEST_ID.test(sent) ? sent : randomUUID();
}

/** Connect-style middleware: Express mounts it, and the answer lane (src/http/answer-lane.ts) calls it. */
export type RequestLog = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/**
 * Express middleware (pino-http) that gives every request an id, echoes it in the `x-request-id` response header,
 * binds it to `req.log`, and writes one JSON line at `info` when the response is sent or the client goes away:
 * method, URL, status, response time in ms and the GraphQL operation name when there is one.
 */
export function requestLog(logger: Logger): RequestLog {
  return pinoHttp({
    logger,
    genReqId(req: IncomingMessage, res: ServerResponse) {
      const id = requestIdOf(req.headers[REQUEST_ID_HEADER]);
      res.setHeader(REQUEST_ID_HEADER, id);
      return id;
    },
    // req.log (resolvers log through it) carries only the request id, not the whole request again.
    quietReqLogger: true,
    customLogLevel: () => 'info',
    customSuccessMessage: () => 'request completed',
    customErrorMessage: () => 'request failed',
    customSuccessObject: (req, _res, loggable: Record<string, unknown>) => withOperation(req, loggable),
    customErrorObject: (req, _res, _error, loggable: Record<string, unknown>) => withOperation(req, loggable),
    // Less than pino-http's defaults: no headers (they carry tokens and cookies), the URL cut short.
    serializers: {
      req: (req: { id: unknown; method: string; url: string; remoteAddress?: string }) => ({
        id: req.id,
        method: req.method,
        url: req.url.length > MAX_LOGGED_URL ? `${req.url.slice(0, MAX_LOGGED_URL)}…` : req.url,
        remoteAddress: req.remoteAddress,
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
}

function withOperation(req: IncomingMessage, loggable: Record<string, unknown>): Record<string, unknown> {
  const name = (req as { body?: { operationName?: unknown } }).body?.operationName;
  return typeof name === 'string' && name !== ''
    ? { ...loggable, operationName: name.slice(0, 100) }
    : loggable;
}
