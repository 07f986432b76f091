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

function isLoopbackHost(host: string | undefined): boolean {
  return host === undefined || host === '' || LOOPBACK.test(host);
}

const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
  const host = targetHost(args);
  if (host !== undefined && !isLoopbackHost(host)) {
    throw new Error(`Outbound network access to ${host} is forbidden in tests (loopback only)`);
  }
  return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
} as typeof net.Socket.prototype.connect;

type ConnectOptions = { host?: unknown; hostname?: unknown; port?: unknown; path?: unknown };

/** The TCP host a `socket.connect(...)` call targets, or undefined for a Unix socket. */
function targetHost(args: unknown[]): string | undefined {
  const [first, second] = args;
  // Node's own callers (http, net.connect) pass the normalized form `[options, callback]`.
  const options = (Array.isArray(first) ? first[0] : first) as ConnectOptions | number | string | null;
  if (typeof options === 'number' || (typeof options === 'string' && /^\d+$/.test(options))) {
    return typeof second === 'string' ? second : 'localhost';
  }
  if (typeof options === 'string') return undefined;
  if (options === null || typeof options !== 'object') return 'localhost';
  // http passes `path: null` (the URL path) for TCP; only a string path without a port is a Unix socket.
  if (typeof options.path === 'string' && options.path !== '' && options.port === undefined) return undefined;
  const host = options.host ?? options.hostname;
  return typeof host === 'string' && host !== '' ? host : 'localhost';
}
