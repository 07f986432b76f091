import { type ChildProcess, fork, type Serializable } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import mongoose from 'mongoose';

import { LAUNCHER_DIR, startEmbeddedDb } from '../src/db/embedded';
import { createLogger, type Logger } from '../src/logger';

/*
 * Plumbing shared by the benchmark driver (run.ts) and its child processes: the database backend, child processes
 * with a task in and a result out (IPC), and small statistics.
 */

export const logger: Logger = createLogger(process.env.LOG_LEVEL ?? 'silent', process.stderr);

/** A database server for one stage: a fresh embedded FerretDB, or a fresh database on the MONGO_URI server. */
export interface Backend {
  /** `external`: the server at MONGO_URI. */
  kind: 'embedded' | 'external';
  uri: string;
  /** Database the stage uses (empty at start). */
  dbName: string;
  /** Stops the embedded server and deletes its files, or drops the database on MongoDB. */
  stop(): Promise<void>;
  /** CPU time the embedded server has used so far (user + system, s); undefined on MongoDB or off Linux. */
  cpuS(): number | undefined;
}

/**
 * Starts the backend of one stage. With MONGO_URI set, its server (loopback only: benchmarks never leave the
 * machine) and a database named after the stage; otherwise an embedded FerretDB on a temporary directory.
 *
 * @param stage - short name, part of the database name
 * @param keptDir - the embedded server's data directory, kept (with its data) when the backend stops; on MongoDB,
 *   the database is kept instead of dropped
 * @returns the running backend
 * @throws Error when MONGO_URI names a host other than loopback
 */
export async function startBackend(stage: string, keptDir?: string): Promise<Backend> {
  const dbName = `bench_${stage.replace(/[^a-z0-9]/gi, '_')}`;
  const mongoUri = process.env.MONGO_URI?.trim();
  if (mongoUri) {
    assertLoopback(mongoUri);
    const cpuS = (): undefined => undefined;
    if (keptDir !== undefined)
      return { kind: 'external', uri: mongoUri, dbName, stop: async () => undefined, cpuS };
    await dropDatabase(mongoUri, dbName);
    return { kind: 'external', uri: mongoUri, dbName, stop: () => dropDatabase(mongoUri, dbName), cpuS };
  }
  const dataDir = keptDir ?? mkdtempSync(path.join(tmpdir(), 'job-tracker-bench-'));
  const db = await startEmbeddedDb({ dataDir, port: 0, logger });
  const pid = pidWithArgument(dataDir);
  return {
    kind: 'embedded',
    uri: db.uri,
    dbName,
    cpuS: () => (pid === undefined ? undefined : processCpuS(pid)),
    async stop() {
      await db.stop();
      if (keptDir === undefined) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The backend as RESULTS.md names it.
 *
 * @param server - what {@link serverVersion} said
 */
export function backendLabel(server: string): string {
  return process.env.MONGO_URI?.trim()
    ? `${server} at MONGO_URI`
    : `embedded ${server} (SQLite backend, our launcher)`;
}

/**
 * The server's version as it reports it (FerretDB: its own version, not the MongoDB version it emulates).
 *
 * @param uri - any backend URI
 */
export async function serverVersion(uri: string): Promise<string> {
  const client = await mongoose.mongo.MongoClient.connect(uri, { serverSelectionTimeoutMS: 10_000 });
  try {
    const info = await client.db('admin').command({ buildInfo: 1 });
    if (info.ferretdbVersion === undefined && info.ferretdbFeatures === undefined)
      return `MongoDB ${info.version}`;
    // Built into our launcher as a Go module, FerretDB reports "unknown": its version is the one go.mod requires.
    const own = typeof info.ferretdbVersion === 'string' && info.ferretdbVersion !== 'unknown';
    const required = /FerretDB\/FerretDB (v[\w.-]+)/.exec(
      readFileSync(path.join(LAUNCHER_DIR, 'go.mod'), 'utf8'),
    );
    return `FerretDB ${own ? String(info.ferretdbVersion) : (required?.[1] ?? 'unknown')}`;
  } finally {
    await client.close();
  }
}

/** The process whose command line has `argument` (Linux /proc); the launcher runs with its data directory. */
function pidWithArgument(argument: string): number | undefined {
  try {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').includes(argument))
          return Number(entry);
      } catch {
        // Gone meanwhile.
      }
    }
  } catch {
    // No /proc: not Linux.
  }
  return undefined;
}

/** User + system CPU seconds of a process (Linux /proc; clock ticks of 1/100 s); undefined when unknown. */
export function processCpuS(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces), from field 3 on: utime is field 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

/** CPU seconds (user + system) this process has used. */
export function ownCpuS(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

function assertLoopback(uri: string): void {
  const hosts = /^mongodb:\/\/(?:[^@/]*@)?([^/?]+)/.exec(uri)?.[1];
  const loopback = (host: string): boolean =>
    /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/i.test(host.trim());
  if (!hosts || !hosts.split(',').every(loopback)) {
    throw new Error('MONGO_URI must be a mongodb:// URI on loopback (127.0.0.1, localhost or [::1])');
  }
}

async function dropDatabase(uri: string, dbName: string): Promise<void> {
  const client = await mongoose.mongo.MongoClient.connect(uri, { serverSelectionTimeoutMS: 10_000 });
  try {
    await client.db(dbName).dropDatabase();
  } finally {
    await client.close();
  }
}

// --- child processes ---------------------------------------------------------------------------------------------

/** How a child run ended; `partials` are the progress reports it sent before. */
export type ChildOutcome<T, P = unknown> =
  | { ok: true; value: T; ms: number; partials: P[] }
  | { ok: false; reason: 'timeout' | 'failed' | 'stopped'; message: string; ms: number; partials: P[] };

type ChildMessage<T> =
  { type: 'result'; value: T } | { type: 'partial'; value: unknown } | { type: 'error'; message: string };

const children = new Set<ChildProcess>();

/** Kills every child still running (the driver calls this on exit and on Ctrl-C). */
export function killChildren(): void {
  for (const child of children) child.kill('SIGKILL');
  children.clear();
}

/**
 * The V8 heap limit (MB) the ETL children run with: the one `npm run etl` gives the CLI (package.json). With Node's
 * default on a machine with much memory (about 4 GB here) V8 lets the heap grow to about four times what is live
 * between full collections (a 50,000-posting run: 50–75 MB live, ~315 MB peak growth); under a limit of 512 MB it
 * collects at about 1.4 times. `BENCH_ETL_HEAP_MB=0` runs them with Node's default.
 */
export const ETL_HEAP_MB = Number(process.env.BENCH_ETL_HEAP_MB ?? 512);

function forkChild(script: string, execArgv: string[] = []): ChildProcess {
  // --expose-gc: a child may collect garbage before measuring what it retains. BENCH_CHILD_ARGS adds Node flags for
  // profiling (e.g. "--cpu-prof --cpu-prof-dir=prof").
  const extra = process.env.BENCH_CHILD_ARGS?.split(/\s+/).filter(Boolean) ?? [];
  const heap = script === 'etl.child.js' && ETL_HEAP_MB > 0 ? [`--max-old-space-size=${ETL_HEAP_MB}`] : [];
  const child = fork(path.join(__dirname, script), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv: [...process.execArgv, '--expose-gc', ...heap, ...execArgv, ...extra],
  });
  children.add(child);
  return child;
}

/**
 * Runs `script` (a compiled file next to this one) in a child process with `task`, and waits for its one result.
 *
 * @param script - e.g. `etl.child.js`
 * @param task - sent over IPC
 * @param timeoutMs - the child is killed after this long
 * @param options - `onPartial` sees each progress report as it comes; aborting `signal` kills the child
 * @returns the result, or why there is none; with the partial reports either way
 */
export async function runChild<T, P = unknown>(
  script: string,
  task: Serializable,
  timeoutMs: number,
  options: { onPartial?: (partial: P) => void; signal?: AbortSignal } = {},
): Promise<ChildOutcome<T, P>> {
  const started = performance.now();
  const child = forkChild(script);
  const partials: P[] = [];
  const elapsed = (): number => Math.round(performance.now() - started);
  return new Promise<ChildOutcome<T, P>>((resolve) => {
    let settled = false;
    const settle = (outcome: ChildOutcome<T, P>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      children.delete(child);
      if (child.exitCode === null) child.kill('SIGKILL');
      resolve(outcome);
    };
    const timer = setTimeout(
      () =>
        settle({
          ok: false,
          reason: 'timeout',
          message: `over ${timeoutMs / 1000} s`,
          ms: elapsed(),
          partials,
        }),
      timeoutMs,
    );
    options.signal?.addEventListener('abort', () =>
      settle({ ok: false, reason: 'stopped', message: 'stopped by the driver', ms: elapsed(), partials }),
    );
    child.on('message', (message: ChildMessage<T>) => {
      if (message.type === 'partial') {
        partials.push(message.value as P);
        options.onPartial?.(message.value as P);
      }
      if (message.type === 'result') {
        const done = (): void => settle({ ok: true, value: message.value, ms: elapsed(), partials });
        // A profiled child writes its profile as it exits: let it (it exits by itself after its result).
        if (process.env.BENCH_CHILD_ARGS && child.exitCode === null) {
          child.removeAllListeners('exit');
          child.once('exit', done);
          setTimeout(done, 60_000);
        } else done();
      }
      if (message.type === 'error') {
        settle({ ok: false, reason: 'failed', message: message.message, ms: elapsed(), partials });
      }
    });
    child.on('exit', (code) =>
      settle({
        ok: false,
        reason: 'failed',
        message: `child exited with code ${code}`,
        ms: elapsed(),
        partials,
      }),
    );
    child.send(task);
  });
}

/** A child that keeps running (a server): its first result, then `stop()`. */
export interface RunningChild<T> {
  ready: T;
  stop(): Promise<void>;
}

/**
 * Starts `script` with `task` and waits for its first result (e.g. the URL it listens on).
 *
 * @param execArgv - Node options for the child (e.g. `--cpu-prof`)
 * @throws Error when the child fails or does not answer within `timeoutMs`
 */
export async function startChild<T>(
  script: string,
  task: Serializable,
  timeoutMs: number,
  execArgv: string[] = [],
): Promise<RunningChild<T>> {
  const child = forkChild(script, execArgv);
  const stop = async (): Promise<void> => {
    children.delete(child);
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    const ready = await new Promise<T>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${script} did not start within ${timeoutMs} ms`)),
        timeoutMs,
      );
      child.once('message', (message: ChildMessage<T>) => {
        clearTimeout(timer);
        if (message.type === 'result') resolve(message.value);
        else reject(new Error(message.type === 'error' ? message.message : 'unexpected message'));
      });
      child.once('exit', (code) => reject(new Error(`${script} exited with code ${code}`)));
      child.send(task);
    });
    return { ready, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * The child side: receives the task, runs `work`, sends its result (or error) back. A one-shot child exits after
 * sending; a server child (`keepAlive`) runs until its parent stops it.
 *
 * @param work - gets the task and a function to send progress reports
 */
export function childMain<Task, Result>(
  work: (task: Task, report: (partial: unknown) => void) => Promise<Result>,
  keepAlive = false,
): void {
  const report = (value: unknown): void => {
    process.send?.({ type: 'partial', value } satisfies ChildMessage<Result>);
  };
  process.once('message', (task: Task) => {
    work(task, report).then(
      (value) => {
        process.send?.({ type: 'result', value } satisfies ChildMessage<Result>, () => {
          if (!keepAlive) process.exit(0);
        });
      },
      (error: unknown) => {
        const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
        process.send?.({ type: 'error', message } satisfies ChildMessage<Result>, () => process.exit(1));
      },
    );
  });
}

// --- numbers -----------------------------------------------------------------------------------------------------

/** Resident set size now, in MiB. */
export function rssMiB(): number {
  return process.memoryUsage().rss / 1024 / 1024;
}

/** Peak resident set size of this process so far, in MiB. */
export function peakRssMiB(): number {
  // resourceUsage().maxRSS is in kilobytes (getrusage).
  return process.resourceUsage().maxRSS / 1024;
}

/** The median (mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
