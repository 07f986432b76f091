import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

import { buildDashboard } from '../support/dashboard-build';

/** Issue 11: at most 200 KB of JavaScript, gzipped, on the dashboard's first load. */
const FIRST_LOAD_JS_BUDGET = 200 * 1024;

/** The dashboard as `npm run build` makes it: what a browser downloads, and from where. */
describe('dashboard bundle', () => {
  let dir: string;
  let html: string;
  beforeAll(() => {
    dir = buildDashboard();
    html = readFileSync(path.join(dir, 'index.html'), 'utf8');
  }, 180_000);

  /** The JavaScript index.html loads (its module script and modulepreloads), and what those import statically. */
  function firstLoadScripts(): string[] {
    const seen = new Set<string>();
    const queue = [...html.matchAll(/<(?:script|link)[^>]+(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map(
      (m) => m[1]!,
    );
    while (queue.length > 0) {
      const file = queue.shift()!;
      if (seen.has(file)) continue;
      seen.add(file);
      const code = readFileSync(path.join(dir, file), 'utf8');
      // Static imports between chunks: `import{...}from"./chunk-x.js"` (dynamic import() is loaded later, on demand).
      for (const m of code.matchAll(
        /(?:^|[;\s}])import\s*(?:[\w*{}\s,$]+from\s*)?["']\.\/([^"']+\.js)["']/g,
      )) {
        queue.push(`assets/${m[1]}`);
      }
    }
    return [...seen];
  }

  function gzipped(file: string): number {
    return gzipSync(readFileSync(path.join(dir, file)), { level: 9 }).length;
  }

  it('when the dashboard is built, then the JavaScript of its first load is at most 200 KB gzipped', () => {
    const scripts = firstLoadScripts();
    expect(scripts.length).toBeGreaterThan(0);
    const total = scripts.reduce((sum, file) => sum + gzipped(file), 0);
    expect(total).toBeLessThanOrEqual(FIRST_LOAD_JS_BUDGET);
  });

  it('when the dashboard is built, then all of its JavaScript, lazy chunks included, fits the same budget', () => {
    const all = readdirSync(path.join(dir, 'assets')).filter((file) => file.endsWith('.js'));
    const total = all.reduce((sum, file) => sum + gzipped(`assets/${file}`), 0);
    expect(total).toBeLessThanOrEqual(FIRST_LOAD_JS_BUDGET);
  });

  it('when the dashboard is built, then index.html loads nothing from another origin and runs no inline script', () => {
    expect(html).not.toMatch(/(?:src|href)="(?:https?:)?\/\//);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|\sstyle="/);
    for (const file of readdirSync(path.join(dir, 'assets'))) {
      const text = readFileSync(path.join(dir, 'assets', file), 'utf8');
      // No stylesheet, font or script fetched from elsewhere (links in text are fine; these are loads).
      expect(text).not.toMatch(/@import\s+(?:url\()?["']?https?:|url\(["']?https?:|import\(["']https?:/);
    }
  });
});
