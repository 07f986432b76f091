import { createTransport } from 'nodemailer';

import { messageOf } from '../errors';
import type { DigestEmail } from './render';
import { PermanentDeliveryError } from './retry';

/** Sends one message; what the digest sender needs of an SMTP transport. */
export interface EmailSender {
  /**
   * @throws PermanentDeliveryError when the server refused for good (a 5xx reply, a refused login); another Error
   *   for what may pass (a 4xx reply, a connection or timeout failure)
   */
  send(message: DigestEmail & { to: readonly string[]; messageId: string }): Promise<void>;
}

/**
 * An SMTP sender (nodemailer) for SMTP_URL. A new connection per message, so a message that timed out leaves
 * nothing behind for the next; every phase of the exchange is limited to `timeoutMs` of silence.
 *
 * @param smtpUrl - `smtp://` (STARTTLS when the server offers it) or `smtps://` (TLS from the start)
 * @param from - the sender, `address` or `Name <address>`
 * @param timeoutMs - limit of the connection, the greeting and each silence of the exchange
 */
export function createEmailSender(smtpUrl: string, from: string, timeoutMs: number): EmailSender {
  const transport = createTransport({
    url: smtpUrl,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    dnsTimeout: timeoutMs,
  });
  const password = passwordOf(smtpUrl);
  return {
    async send(message) {
      try {
        await transport.sendMail({
          from,
          to: [...message.to],
          subject: message.subject,
          text: message.text,
          html: message.html,
          messageId: message.messageId,
        });
      } catch (error) {
        const { code, responseCode } = error as { code?: string; responseCode?: number };
        // Errors name the server, never the password; made sure of in case a library puts the URL in one.
        const why = redact(messageOf(error), password);
        if ((responseCode !== undefined && responseCode >= 500) || code === 'EAUTH') {
          throw new PermanentDeliveryError(`SMTP server refused: ${why}`);
        }
        throw new Error(`SMTP delivery failed: ${why}`);
      }
    },
  };
}

function passwordOf(url: string): string {
  try {
    return decodeURIComponent(new URL(url).password);
  } catch {
    return '';
  }
}

function redact(text: string, secret: string): string {
  return secret === '' ? text : text.split(secret).join('[redacted]');
}
