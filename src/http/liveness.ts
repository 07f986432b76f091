import { type IntervalHistogram, monitorEventLoopDelay } from 'node:perf_hooks';

import type express from 'express';

/** What `GET /livez` answers. */
export interface LivenessAnswer {
  status: 'ok';
  uptimeSeconds: number;
  /** How late timers ran since the previous probe (or since start), in ms: a loop kept busy shows here first. */
  eventLoopDelayMs: { p99: number; max: number };
}

/** The `/livez` handler and the monitor behind it. */
export interface Liveness {
  handle: express.RequestHandler;
  /** Stops the event-loop delay monitor (the server closes). */
  stop(): void;
}

/**
 * `GET /livez`: the process is up and its event loop answers. It touches nothing outside the process (no
 * database), so a database outage never makes it fail: an orchestrator that restarts on it (the Kubernetes
 * livenessProbe) restarts only a process that no longer answers, never every replica because the database is
 * down. Readiness is `/healthz`. Always 200 when it answers: a blocked event loop shows as no answer in time.
 *
 * @returns the handler and a stop for its monitor (which never keeps the process alive)
 */
export function liveness(): Liveness {
  const delay: IntervalHistogram = monitorEventLoopDelay({ resolution: 20 });
  delay.enable();
  const ms = (ns: number): number => (Number.isFinite(ns) ? Math.round(ns / 1e4) / 100 : 0);
  return {
    handle(_req, res) {
      const body: LivenessAnswer = {
        status: 'ok',
        uptimeSeconds: Math.round(process.uptime()),
        eventLoopDelayMs: { p99: ms(delay.percentile(99)), max: ms(delay.max) },
      };
      delay.reset();
      res.set('cache-control', 'no-store').json(body);
    },
    stop: () => delay.disable(),
  };
}
