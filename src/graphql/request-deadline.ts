import type express from 'express';

import type { Logger } from '../logger';
import { ErrorCode } from './errors';

/**
 * Express middleware that answers `503` with a GraphQL-shaped REQUEST_TIMEOUT error when nothing was sent by the
 * request's deadline, so no client waits on a stuck database or a slow body for ever. The work already started is
 * not cancelled (a query ends on its own, a mutation may still complete); its late answer is dropped by
 * {@link lateResponseHandler}. Mount it before the body parser so a body that trickles in counts too.
 *
 * @param deadlineMsOf - the deadline of one request, e.g. longer for the admin
 */
export function requestDeadline(
  deadlineMsOf: (req: express.Request) => number,
  logger: Logger,
): express.RequestHandler {
  return (req, res, next) => {
    const ms = deadlineMsOf(req);
    const timer = setTimeout(() => {
      if (res.headersSent) return;
      logger.warn({ deadlineMs: ms }, 'GraphQL request passed its deadline; answered 503');
      res.status(503).json({
        errors: [
          {
            message: `No answer within ${ms / 1_000} s; try again later (a mutation may still complete)`,
            extensions: { code: ErrorCode.REQUEST_TIMEOUT },
          },
        ],
      });
    }, ms);
    const clear = (): void => clearTimeout(timer);
    res.once('finish', clear);
    res.once('close', clear);
    next();
  };
}

/**
 * The first error handler after {@link requestDeadline}: once the deadline has answered, the request's own late
 * answer fails with ERR_HTTP_HEADERS_SENT (or its body parser with an abort); both are dropped here, because Express
 * would otherwise destroy the socket the 503 went out on.
 */
export const lateResponseHandler: express.ErrorRequestHandler = (error: unknown, _req, res, next) => {
  if (!res.headersSent) {
    next(error);
    return;
  }
  if (!res.writableEnded) res.destroy();
};
