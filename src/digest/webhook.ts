import { createHmac } from 'node:crypto';

import { PermanentDeliveryError } from './retry';

/** Header with `sha256=<hex HMAC-SHA256 of the raw body under DIGEST_WEBHOOK_SECRET>`. */
export const SIGNATURE_HEADER = 'X-Job-Tracker-Signature';
/** Header with the delivery id (also in the body): the same on every attempt. */
export const DELIVERY_HEADER = 'X-Job-Tracker-Delivery';
/** Header with the attempt number, 1 for the first (not signed: informative only). */
export const ATTEMPT_HEADER = 'X-Job-Tracker-Attempt';

/** Statuses worth another attempt: the receiver may answer differently later. Any other non-2xx is final. */
const RETRYABLE_STATUSES = new Set([408, 425, 429, 500, 502, 503, 504]);

/**
 * The signature header's value for a body.
 *
 * @param secret - DIGEST_WEBHOOK_SECRET
 * @param body - the raw body, exactly as sent
 * @returns `sha256=<lowercase hex>`
 */
export function signatureOf(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/**
 * POSTs one digest to the webhook. Redirects are not followed (a signed body goes only where it was configured).
 *
 * @param target - the URL and the signing secret
 * @param delivery - the JSON body, its delivery id, the attempt number, and the attempt's time-limit signal
 * @throws PermanentDeliveryError for a 3xx or a 4xx other than 408/425/429 (trying again would not help);
 *   another Error for a network failure, a timeout or a retryable status
 */
export async function postDigest(
  target: { url: string; secret: string },
  delivery: { body: string; deliveryId: string; attempt: number; signal: AbortSignal },
): Promise<void> {
  const response = await fetch(target.url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'User-Agent': 'job-tracker-digest',
      [SIGNATURE_HEADER]: signatureOf(target.secret, delivery.body),
      [DELIVERY_HEADER]: delivery.deliveryId,
      [ATTEMPT_HEADER]: String(delivery.attempt),
    },
    body: delivery.body,
    redirect: 'manual',
    signal: delivery.signal,
  }).catch((error: unknown) => {
    // fetch says only "fetch failed"; its cause says why (ECONNREFUSED, a timeout …).
    const why = textOf((error as { cause?: unknown } | null)?.cause) ?? textOf(error) ?? String(error);
    throw new Error(`webhook unreachable: ${why}`, { cause: error });
  });
  // The body is not needed; reading it frees the connection.
  await response.arrayBuffer().catch(() => undefined);
  if (response.status >= 200 && response.status < 300) return;
  const message = `webhook answered HTTP ${response.status}`;
  if (RETRYABLE_STATUSES.has(response.status) || response.status >= 500) throw new Error(message);
  throw new PermanentDeliveryError(message);
}

/** The message of an error-like value (from any realm: fetch's errors are not always this realm's Error). */
function textOf(value: unknown): string | undefined {
  const message = (value as { message?: unknown } | null | undefined)?.message;
  return typeof message === 'string' && message !== '' ? message : undefined;
}
