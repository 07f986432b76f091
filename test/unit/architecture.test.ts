import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * The map of src/ in the README ("Development", "Map of src/"), enforced: what each folder may import. Data flows
 * one way, usajobs → etl → models/db; the jobs read model reads models; digest takes what a run did, after it;
 * graphql and http call into the layers below, never the reverse. The entry points (index.ts, lambda.ts, cli/) wire everything.
 */
const MAY_IMPORT: Record<string, readonly string[]> = {
  'config.ts': [],
  'logger.ts': [],
  'errors.ts': [],
  lib: [],
  usajobs: ['config.ts', 'logger.ts', 'errors.ts'],
  db: ['config.ts', 'logger.ts', 'errors.ts'],
  models: ['lib', 'errors.ts'],
  etl: ['usajobs', 'models', 'db', 'lib', 'config.ts', 'logger.ts', 'errors.ts'],
  jobs: ['models', 'db', 'lib', 'config.ts', 'logger.ts', 'errors.ts'],
  scheduler: ['etl', 'models', 'db', 'lib', 'config.ts', 'logger.ts', 'errors.ts'],
  digest: ['etl', 'models', 'config.ts', 'logger.ts', 'errors.ts'],
  metrics: ['scheduler', 'usajobs', 'models', 'lib', 'config.ts', 'logger.ts', 'errors.ts'],
  graphql: [
    'etl',
    'jobs',
    'scheduler',
    'metrics',
    'models',
    'db',
    'lib',
    'usajobs',
    'config.ts',
    'logger.ts',
    'errors.ts',
  ],
  http: [
    'graphql',
    'jobs',
    'scheduler',
    'metrics',
    'etl',
    'models',
    'db',
    'lib',
    'config.ts',
    'logger.ts',
    'errors.ts',
  ],
  cli: [
    'etl',
    'digest',
    'jobs',
    'scheduler',
    'models',
    'db',
    'lib',
    'usajobs',
    'config.ts',
    'logger.ts',
    'errors.ts',
  ],
  'index.ts': ['*'],
  'lambda.ts': ['*'],
};

const SRC = path.join(__dirname, '..', '..', 'src');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : full.endsWith('.ts') ? [full] : [];
  });
}

/** The top-level entry of src/ a file belongs to: its folder, or the file itself at the top. */
function entryOf(file: string): string {
  return path.relative(SRC, file).split(path.sep)[0]!;
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)[^'"]*?from\s+'(\.[^']+)'/gm)].map((m) => m[1]!);
}

describe('the architecture of src/', () => {
  it('when a file imports another part of src/, then the map allows it', () => {
    const violations: string[] = [];
    for (const file of filesUnder(SRC)) {
      const from = entryOf(file);
      const allowed = MAY_IMPORT[from];
      if (!allowed) {
        violations.push(`${from} is not on the map (add it here and to the README's map of src/)`);
        continue;
      }
      for (const specifier of importsOf(file)) {
        const to = entryOf(path.resolve(path.dirname(file), `${specifier}.ts`));
        if (to === from || allowed.includes('*') || allowed.includes(to)) continue;
        violations.push(`${path.relative(SRC, file)} imports ${specifier} (${from} may not import ${to})`);
      }
    }
    expect([...new Set(violations)]).toEqual([]);
  });

  it('when the README maps src/, then it names every folder and top-level file there is', () => {
    const readme = readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
    const map = readme.slice(readme.indexOf('### Map of src/'));
    const entries = readdirSync(SRC).map((name) => (name.endsWith('.ts') ? name : `${name}/`));
    expect(entries.filter((entry) => !map.includes(`\`${entry}\``))).toEqual([]);
  });
});
