import pino from 'pino';

export type Logger = pino.Logger;

/** Secrets are never logged, whatever object carries them. */
const REDACT = [
  'req.headers.authorization',
  'req.headers["authorization-key"]',
  'headers.authorization',
  'headers["Authorization-Key"]',
  'headers["authorization-key"]',
  '*.apiKey',
  'apiKey',
  'adminToken',
];

/**
 * Creates the structured (JSON lines) logger of the process.
 *
 * @param level - pino level name
 * @param destination - where lines go; stdout by default (tests pass a stream they read)
 * @returns a pino logger with secrets redacted
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, redact: { paths: REDACT, censor: '[redacted]' } }, destination ?? pino.destination(1));
}
