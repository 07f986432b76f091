import net from 'node:net';

/**
 * Guards for every test file:
 * - a test that writes to the console fails (inject a logger instead);
 * - outbound connections other than loopback throw (no test may reach the internet).
 */

const consoleMethods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
for (const method of consoleMethods) {
  // eslint-disable-next-line no-console -- the one place that is allowed to touch the console: to forbid it
  console[method] = (...args: unknown[]): void => {
    throw new Error(
      `console.${method} was called in a test (inject a logger): ${args.map(String).join(' ')}`,
    );
  };
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|::1|::ffff:127(?:\.\d{1,3}){3}|\[::1\])$/i;

export function isLoopbackHost(host: string | undefined): boolean {
  return host === undefined || host === '' || LOOPBACK.test(host);
}

const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
  const [first, second] = args;
  let host: string | undefined;
  if (typeof first === 'object' && first !== null && !Array.isArray(first)) {
    const options = first as { host?: string; path?: string };
    if (options.path === undefined) host = options.host ?? 'localhost';
  } else if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    host = typeof second === 'string' ? second : 'localhost';
  } else if (Array.isArray(first)) {
    // normalized [options, callback] form used internally by node
    const options = first[0] as { host?: string; path?: string };
    if (options?.path === undefined) host = options?.host ?? 'localhost';
  }
  if (!isLoopbackHost(host)) {
    throw new Error(`Outbound network access to ${host} is forbidden in tests (loopback only)`);
  }
  return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
} as typeof net.Socket.prototype.connect;
