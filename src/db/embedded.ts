import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';

import { codeOf } from '../errors';
import type { Logger } from '../logger';

/** The project root: the nearest folder above this file that holds the launcher's sources (src/, dist/ or a
 * benchmark build all sit somewhere below it). */
const PROJECT_ROOT = findUp(__dirname, path.join('db-launcher', 'main.go'));
/** The Go launcher's sources. */
export const LAUNCHER_DIR = path.join(PROJECT_ROOT, 'db-launcher');
/** Where `go build` puts the launcher; git-ignored. */
export const LAUNCHER_BIN = path.join(PROJECT_ROOT, '.bin', 'db-launcher');

function findUp(from: string, marker: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, marker))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(__dirname, '..', '..');
  }
}

const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;
/** A crash loop must not spin forever: give up after this many restarts in a row without a stable minute. */
const MAX_RESTARTS = 5;

/** Error codes of the embedded database, stable and documented in the README. */
export type EmbeddedDbErrorCode =
  | 'EMBEDDED_DB_GO_MISSING'
  | 'EMBEDDED_DB_BUILD_FAILED'
  | 'EMBEDDED_DB_DATA_DIR_IN_USE'
  | 'EMBEDDED_DB_CANNOT_LISTEN'
  | 'EMBEDDED_DB_DATA_DIR_NOT_WRITABLE'
  | 'EMBEDDED_DB_START_FAILED';

/** The launcher's own exit codes (documented in db-launcher/main.go); any other exit is `EMBEDDED_DB_START_FAILED`. */
const LAUNCHER_EXIT_CODES: Readonly<Record<number, EmbeddedDbErrorCode>> = {
  3: 'EMBEDDED_DB_DATA_DIR_IN_USE',
  4: 'EMBEDDED_DB_CANNOT_LISTEN',
  5: 'EMBEDDED_DB_DATA_DIR_NOT_WRITABLE',
};

export class EmbeddedDbError extends Error {
  override readonly name = 'EmbeddedDbError';
  constructor(
    readonly code: EmbeddedDbErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(`${code}: ${message}`, options);
  }
}

export interface EmbeddedDbOptions {
  /** Directory of the SQLite files; created when missing. */
  dataDir: string;
  /** TCP port on 127.0.0.1; 0 picks a free one. */
  port: number;
  logger: Logger;
}

/** A running embedded FerretDB, supervised: an unexpected exit is logged and the server restarted on the same port. */
export interface EmbeddedDb {
  /** MongoDB URI of the server, e.g. `mongodb://127.0.0.1:27017/`. */
  readonly uri: string;
  /**
   * From now on an exit of the server is not restarted (the process is shutting down); the server itself keeps
   * running until {@link EmbeddedDb.stop}. Idempotent.
   */
  endSupervision(): void;
  /** Stops the server (SIGTERM, then SIGKILL after 10 s) and stops supervising it. Idempotent. */
  stop(): Promise<void>;
}

/**
 * Builds the launcher when its binary is missing.
 *
 * @throws EmbeddedDbError `EMBEDDED_DB_GO_MISSING` when Go is not installed, `EMBEDDED_DB_BUILD_FAILED` otherwise
 */
export async function ensureLauncherBuilt(logger: Logger): Promise<string> {
  if (existsSync(LAUNCHER_BIN) && !launcherSourcesNewer()) return LAUNCHER_BIN;
  logger.info({ dir: LAUNCHER_DIR }, 'building the embedded database launcher (first start only)');
  try {
    await promisify(execFile)('go', ['build', '-o', LAUNCHER_BIN, '.'], {
      cwd: LAUNCHER_DIR,
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    if (codeOf(error) === 'ENOENT') {
      throw new EmbeddedDbError(
        'EMBEDDED_DB_GO_MISSING',
        'Go is not installed, so the embedded database cannot be built: set MONGO_URI or install Go >= 1.24',
        { cause: error },
      );
    }
    const stderr = String((error as { stderr?: string }).stderr ?? '').trim();
    throw new EmbeddedDbError('EMBEDDED_DB_BUILD_FAILED', `go build failed: ${stderr.split('\n').pop()}`, {
      cause: error,
    });
  }
  return LAUNCHER_BIN;
}

/**
 * Starts FerretDB (SQLite backend) on 127.0.0.1 and resolves once it accepts connections.
 *
 * @returns the running server; call `stop()` before the process exits
 * @throws EmbeddedDbError when the launcher cannot be built or the server does not come up: `EMBEDDED_DB_DATA_DIR_IN_USE`
 *   (another server holds the data directory), `EMBEDDED_DB_CANNOT_LISTEN` (e.g. the port is taken),
 *   `EMBEDDED_DB_DATA_DIR_NOT_WRITABLE`, `EMBEDDED_DB_START_FAILED` (anything else)
 */
export async function startEmbeddedDb(options: EmbeddedDbOptions): Promise<EmbeddedDb> {
  const bin = await ensureLauncherBuilt(options.logger);
  // The launcher creates the directory itself, so that a directory it cannot create has its own exit code.
  const dataDir = path.resolve(options.dataDir);

  const first = await launch(bin, `127.0.0.1:${options.port}`, dataDir, options.logger);
  // Restarts reuse the port the first start got, so the URI the service holds stays valid.
  const listen = new URL(first.uri).host;
  let current: ChildProcess = first.child;
  let stopping = false;
  let stopRequested = false;
  let restarts = 0;
  let lastStart = Date.now();

  const supervise = (child: ChildProcess): void => {
    child.once('exit', (code, signal) => {
      if (stopping) {
        if (!stopRequested) {
          options.logger.warn({ code, signal }, 'embedded database exited during shutdown; not restarted');
        }
        return;
      }
      options.logger.error({ code, signal }, 'embedded database exited unexpectedly; restarting it');
      if (Date.now() - lastStart > 60_000) restarts = 0;
      if (++restarts > MAX_RESTARTS) {
        options.logger.fatal({ restarts }, 'embedded database keeps crashing; giving up');
        return;
      }
      void restart();
    });
  };

  const restart = async (): Promise<void> => {
    try {
      lastStart = Date.now();
      const next = await launch(bin, listen, dataDir, options.logger);
      if (stopping) {
        await terminate(next.child);
        return;
      }
      current = next.child;
      supervise(current);
      options.logger.info({ uri: next.uri }, 'embedded database restarted');
    } catch (error) {
      options.logger.error({ err: error }, 'embedded database restart failed; retrying in 1 s');
      setTimeout(() => void (stopping ? undefined : restart()), 1_000).unref();
    }
  };

  supervise(current);
  return {
    uri: first.uri,
    endSupervision() {
      stopping = true;
    },
    async stop() {
      stopping = true;
      stopRequested = true;
      await terminate(current);
    },
  };
}

function launcherSourcesNewer(): boolean {
  const built = statSync(LAUNCHER_BIN).mtimeMs;
  return readdirSync(LAUNCHER_DIR)
    .filter((file) => file.endsWith('.go') || file === 'go.mod' || file === 'go.sum')
    .some((file) => statSync(path.join(LAUNCHER_DIR, file)).mtimeMs > built);
}

async function launch(
  bin: string,
  listen: string,
  dataDir: string,
  logger: Logger,
): Promise<{ uri: string; child: ChildProcess }> {
  const child = spawn(
    bin,
    ['-listen', listen, '-data', dataDir, '-log-level', 'error', '-exit-on-stdin-eof'],
    {
      // stdin stays open: the launcher stops when it closes, i.e. when this process dies, even by SIGKILL.
      stdio: ['pipe', 'pipe', 'pipe'],
      // Its own process group: Ctrl-C (SIGINT to the terminal's group) or a group SIGTERM reaches only this
      // process, which stops the database last, after the ETL run has recorded how it ended and freed the lease.
      detached: true,
    },
  );
  const stderrLines: string[] = [];
  let started = false;
  createInterface({ input: child.stderr! }).on('line', (line) => {
    stderrLines.push(line);
    if (stderrLines.length > 20) stderrLines.shift();
    // A launcher that fails to start says why in its last line, which becomes the error: not logged twice.
    if (started || !line.startsWith('db-launcher: ')) logger.warn({ source: 'ferretdb' }, line);
  });

  const uri = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new EmbeddedDbError('EMBEDDED_DB_START_FAILED', `no URI within ${START_TIMEOUT_MS} ms`));
    }, START_TIMEOUT_MS);
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      clearTimeout(timer);
      started = true;
      resolve(line.trim());
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new EmbeddedDbError('EMBEDDED_DB_START_FAILED', error.message, { cause: error }));
    });
    // 'close', not 'exit': it comes after the last stderr line, the one that says why.
    child.once('close', (code) => {
      clearTimeout(timer);
      const why = stderrLines.at(-1) ?? `exit code ${code}`;
      reject(new EmbeddedDbError(LAUNCHER_EXIT_CODES[code ?? -1] ?? 'EMBEDDED_DB_START_FAILED', why));
    });
  });
  return { uri, child };
}

function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
