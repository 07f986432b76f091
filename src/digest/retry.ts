import { messageOf } from '../errors';

/** A delivery failure that trying again cannot mend (a 4xx from the webhook, a 5xx SMTP reply, refused login). */
export class PermanentDeliveryError extends Error {
  override readonly name = 'PermanentDeliveryError';
}

/** A delivery attempt that took longer than its limit. */
export class DeliveryTimeoutError extends Error {
  override readonly name = 'DeliveryTimeoutError';
}

/** How a delivery is retried. */
export interface RetryPolicy {
  /** Attempts, the first included. */
  maxAttempts: number;
  /** Limit of one attempt, in milliseconds: past it the attempt counts as failed and is no longer waited for. */
  timeoutMs: number;
  /** Pause before the second attempt; doubled before each further one, with ±20% jitter. */
  firstDelayMs: number;
  /** Waits between attempts; resolves early when `signal` aborts. Tests pass one that does not wait. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Once aborted (the process shuts down), no further attempt starts. */
  signal?: AbortSignal;
  /**
   * When the caller must have its outcome (epoch ms, `Date.now()`'s clock), e.g. a Lambda invocation's end less the
   * time to answer: an attempt is cut off there, and neither a pause nor an attempt starts that could not end
   * before it with {@link MIN_ATTEMPT_MS} to spare. None by default.
   */
  deadline?: number;
}

const NO_TIME_LEFT = 'no time left before the deadline';

/** The least time worth starting an attempt with: less would only add a connection the deadline cuts off. */
export const MIN_ATTEMPT_MS = 500;

/** How a delivery ended. */
export type DeliveryOutcome =
  { delivered: true; attempts: number } | { delivered: false; attempts: number; reason: string };

/**
 * Runs `attempt` until it resolves, a {@link PermanentDeliveryError} says trying again is useless, the attempts run
 * out, `signal` aborts between attempts, or the deadline leaves no time for another. Lasts at most
 * `maxAttempts × timeoutMs` plus the pauses, and never past the deadline. Never throws.
 *
 * @param attempt - one delivery attempt, told its number (1-based) and a signal aborted at its time limit
 * @param policy - attempts, time limit and pauses
 * @returns whether it was delivered, after how many attempts, and why not
 */
export async function deliverWithRetries(
  attempt: (number: number, signal: AbortSignal) => Promise<void>,
  policy: RetryPolicy,
): Promise<DeliveryOutcome> {
  const sleep = policy.sleep ?? abortableSleep;
  const timeLeft = (): number =>
    policy.deadline === undefined ? Number.POSITIVE_INFINITY : policy.deadline - Date.now();
  let reason = 'not attempted';
  for (let number = 1; number <= policy.maxAttempts; number += 1) {
    const stopped = (why: string): DeliveryOutcome => ({
      delivered: false,
      attempts: number - 1,
      reason: number === 1 ? why : `${reason} (stopped: ${why})`,
    });
    if (number > 1) {
      if (policy.signal?.aborted) return stopped('shutting down');
      const delay = Math.round(policy.firstDelayMs * 2 ** (number - 2) * (0.8 + Math.random() * 0.4));
      if (timeLeft() < delay + MIN_ATTEMPT_MS) return stopped(NO_TIME_LEFT);
      await sleep(delay, policy.signal);
      if (policy.signal?.aborted) return stopped('shutting down');
    }
    const left = timeLeft();
    if (left < MIN_ATTEMPT_MS) return stopped(NO_TIME_LEFT);
    try {
      await withTimeLimit(
        attempt,
        number,
        Math.min(policy.timeoutMs, Math.floor(left)),
        left < policy.timeoutMs,
      );
      return { delivered: true, attempts: number };
    } catch (error) {
      reason = messageOf(error);
      if (error instanceof PermanentDeliveryError) return { delivered: false, attempts: number, reason };
    }
  }
  return { delivered: false, attempts: policy.maxAttempts, reason };
}

/**
 * Runs one attempt with a signal that aborts at its limit (the deadline's, when `byDeadline`), and stops waiting for
 * it there.
 */
async function withTimeLimit(
  attempt: (number: number, signal: AbortSignal) => Promise<void>,
  number: number,
  timeoutMs: number,
  byDeadline: boolean,
): Promise<void> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      const error = new DeliveryTimeoutError(
        `timed out after ${timeoutMs} ms${byDeadline ? ' (all the time left before the deadline)' : ''}`,
      );
      controller.abort(error);
      reject(error);
    }, timeoutMs);
  });
  try {
    await Promise.race([attempt(number, controller.signal), expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** Waits `ms`, or less when `signal` aborts. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
