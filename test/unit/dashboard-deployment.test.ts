import { readFileSync } from 'node:fs';
import path from 'node:path';

import { DEFAULT_DASHBOARD_DIR } from '../../src/http/dashboard';

const root = path.resolve(__dirname, '..', '..');
const read = (file: string): string => readFileSync(path.join(root, file), 'utf8');

describe('the dashboard in the build and the image', () => {
  it('when npm run build runs, then it compiles the server and builds web/ into web/dist', () => {
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.build).toMatch(/^tsc -p tsconfig\.json && npm run --silent build:web$/);
    expect(scripts['build:web']).toContain('vite build --config web/vite.config.ts');
    expect(read('web/vite.config.ts')).toMatch(/outDir: 'dist'/);
  });

  it('when the service looks for the dashboard, then it finds web/dist from src/http and from dist/http alike', () => {
    expect(DEFAULT_DASHBOARD_DIR).toBe(path.join(root, 'web', 'dist'));
    expect(path.resolve(root, 'dist', 'http', '..', '..', 'web', 'dist')).toBe(DEFAULT_DASHBOARD_DIR);
  });

  it('when the image is built, then web/ is built with the server and web/dist is copied beside dist/', () => {
    const dockerfile = read('Dockerfile');
    const copyWeb = dockerfile.indexOf('COPY web ./web');
    const build = dockerfile.indexOf('RUN npm run build');
    expect(copyWeb).toBeGreaterThan(-1);
    expect(build).toBeGreaterThan(copyWeb);
    expect(dockerfile).toMatch(/^COPY --from=build --chown=node:node \/app\/web\/dist \.\/web\/dist$/m);
    expect(dockerfile).toMatch(/^WORKDIR \/app$/m);
  });
});
