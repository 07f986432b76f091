import type { IncomingMessage, RequestListener } from 'node:http';

import type express from 'express';

import { type AnswerCache, keyOf } from '../graphql/answer-cache';
import { MAX_BODY_SIZE_BYTES, refuseBodyAsUnparsable } from '../graphql/server';
import { routeLabelOf, type ServiceMetrics } from '../metrics/service-metrics';
import type { RequestLog } from './request-log';

/**
 * Longest the lane waits for the data version before it hands the request to the app, whose deadline
 * (src/graphql/request-deadline.ts) then bounds the wait for an answer.
 */
export const LANE_WAIT_MS = 2_000;

export interface AnswerLaneOptions {
  answers: AnswerCache;
  /** The request log middleware of the app (every request gets an id and one log line, here too). */
  requestLog: RequestLog;
  metrics?: ServiceMetrics;
  /** Allowed CORS origins: a request with an Origin header then takes the app's path, which adds CORS headers. */
  corsOrigins: readonly string[];
}

/**
 * The way in for `POST /graphql`, before Express: a request whose whole answer the answer cache holds is answered
 * here, after one shared data version read, without Express's router, the body parser middleware, Apollo or the
 * request deadline timer, which cost about three times what the answer does (bench/README.md). Every other request,
 * and every one the lane cannot answer, goes on to the app unchanged, its body already parsed when the lane read it
 * (the body parser then skips it; a body that is not JSON is refused by the same handler with the same answer).
 *
 * The lane reads only what the app's JSON parser would accept as is: `application/json` in UTF-8, no content
 * encoding, a `content-length` up to the app's body limit, no Authorization header (admin answers are never kept),
 * no Origin header when CORS origins are configured.
 *
 * @param app - the app every request the lane does not answer goes to
 */
export function answerLane(options: AnswerLaneOptions, app: express.Express): RequestListener {
  const { answers, requestLog, metrics, corsOrigins } = options;
  return (req, res) => {
    if (!readable(req, corsOrigins.length > 0)) {
      app(req, res);
      return;
    }
    const started = performance.now();
    // The request goes to the app at most once: on a read error, a miss, or the version read taking too long.
    let handed = false;
    let timer: NodeJS.Timeout | undefined;
    /** True for the first caller only: it answers or hands on. */
    const claim = (): boolean => {
      if (handed) return false;
      handed = true;
      clearTimeout(timer);
      return true;
    };
    const handOn = (): void => {
      if (claim()) app(req, res);
    };
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
    });
    req.once('error', handOn);
    req.once('end', () => {
      const body = parseBody(Buffer.concat(chunks, size).toString('utf8'));
      if (body === undefined) refuseBodyAsUnparsable(req);
      else (req as { body?: unknown }).body = body;
      const key = body === undefined ? undefined : keyOf(req.method, req.headers, body);
      if (key === undefined) {
        handOn();
        return;
      }
      // No version in time, or none at all (the database is down): Apollo answers, and nothing is kept; the app's
      // answer cache middleware does not ask for the version again.
      const giveUp = (): void => {
        answers.mark(req, undefined);
        handOn();
      };
      timer = setTimeout(giveUp, LANE_WAIT_MS);
      answers.lookup(key).then((found) => {
        if (!claim()) return;
        if (found && 'hit' in found) {
          requestLog(req, res, () => undefined);
          answers.send(res, found.hit, started);
          metrics?.httpRequest('POST', routeLabelOf('/graphql'), 200, started);
          return;
        }
        answers.mark(req, found?.keepAs);
        app(req, res);
      }, giveUp);
    });
  };
}

/** Whether the lane may read this request's body and answer it. */
function readable(req: IncomingMessage, cors: boolean): boolean {
  const { headers } = req;
  if (req.method !== 'POST' || req.url !== '/graphql') return false;
  if (headers.authorization !== undefined || (cors && headers.origin !== undefined)) return false;
  if (headers['transfer-encoding'] !== undefined) return false;
  const encoding = headers['content-encoding'];
  if (encoding !== undefined && encoding.toLowerCase() !== 'identity') return false;
  const length = Number(headers['content-length']);
  if (!Number.isInteger(length) || length < 0 || length > MAX_BODY_SIZE_BYTES) return false;
  return isJsonUtf8(headers['content-type']);
}

/** `application/json`, with no parameter but an optional `charset=utf-8`. */
function isJsonUtf8(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const [type, ...parameters] = contentType.split(';').map((part) => part.trim().toLowerCase());
  if (type !== 'application/json') return false;
  return parameters.every((parameter) => /^charset="?utf-8"?$/.test(parameter));
}

/**
 * The body as the app's JSON parser (body-parser, strict) reads it: an object or array, `{}` for an empty body;
 * undefined for what it refuses.
 */
function parseBody(text: string): unknown {
  const json = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (json === '') return {};
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'object' && value !== null ? value : undefined;
  } catch {
    return undefined;
  }
}
