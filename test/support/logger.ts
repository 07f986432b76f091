import { Writable } from 'node:stream';

import { createLogger, type Logger } from '../../src/logger';

/** A logger whose JSON lines are kept in memory, for tests that look at what was logged. */
export function captureLogger(level = 'debug'): {
  logger: Logger;
  lines: Record<string, unknown>[];
  text: () => string;
} {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.trim() === '') continue;
        raw.push(line);
        lines.push(JSON.parse(line) as Record<string, unknown>);
      }
      callback();
    },
  });
  return { logger: createLogger(level, stream), lines, text: () => raw.join('\n') };
}

/** A logger that drops everything. */
export function silentLogger(): Logger {
  return createLogger('silent');
}
