import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const WEB = path.join(ROOT, 'web');
const CACHE = path.join(ROOT, '.cache', 'dashboard');

/**
 * Builds the dashboard (web/) with Vite the way `npm run build` does, into .cache/dashboard/<hash of the sources>, and
 * returns that folder. A build of the same sources is reused, so every test file of a run (and the next run, while
 * web/ is unchanged) shares one build, and a test never serves a stale web/dist.
 *
 * @returns the build output (index.html, assets/)
 * @throws Error with Vite's output when the build fails
 */
export function buildDashboard(): string {
  const out = path.join(CACHE, sourceHash());
  if (existsSync(path.join(out, 'index.html'))) return out;
  mkdirSync(CACHE, { recursive: true });
  const staging = `${out}.tmp-${process.pid}`;
  const vite = spawnSync(
    process.execPath,
    [
      path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--config',
      path.join(WEB, 'vite.config.ts'),
      '--outDir',
      staging,
      '--emptyOutDir',
      '--logLevel',
      'error',
    ],
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' }, timeout: 180_000 },
  );
  if (vite.status !== 0) {
    rmSync(staging, { recursive: true, force: true });
    throw new Error(`vite build failed (${vite.status ?? vite.signal}):\n${vite.stdout}\n${vite.stderr}`);
  }
  // Another test file may have built the same sources meanwhile: either copy is good.
  if (existsSync(out)) rmSync(staging, { recursive: true, force: true });
  else renameSync(staging, out);
  return out;
}

function sourceHash(): string {
  const hash = createHash('sha256');
  const files = listFiles(WEB).filter((file) => !file.startsWith(path.join(WEB, 'dist') + path.sep));
  for (const file of files.sort()) {
    hash.update(path.relative(ROOT, file));
    hash.update(readFileSync(file));
  }
  hash.update(readFileSync(path.join(ROOT, 'package-lock.json')));
  return hash.digest('hex').slice(0, 16);
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : listFiles(full);
    return [full];
  });
}
