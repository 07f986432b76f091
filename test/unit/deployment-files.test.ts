import { readFileSync } from 'node:fs';
import path from 'node:path';

import { parse } from 'yaml';

import { CONFIG_KEYS, loadConfig } from '../../src/config';

const root = path.resolve(__dirname, '..', '..');
const read = (file: string): string => readFileSync(path.join(root, file), 'utf8');

interface ComposeService {
  image?: string;
  build?: unknown;
  environment?: Record<string, string>;
  healthcheck?: unknown;
  volumes?: string[];
  ports?: string[];
}

describe('docker-compose.yml', () => {
  const compose = parse(read('docker-compose.yml')) as { services: Record<string, ComposeService> };

  it('when parsed, then it has the api, mongo (volume + healthcheck) and mongo-express on 8081', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['api', 'mongo', 'mongo-express']);
    expect(compose.services.mongo.image).toMatch(/^mongo:7/);
    expect(compose.services.mongo.healthcheck).toBeDefined();
    expect(compose.services.mongo.volumes?.some((v) => v.endsWith(':/data/db'))).toBe(true);
    expect(compose.services['mongo-express'].ports).toContain('8081:8081');
  });

  it('when the api service sets a variable, then the config knows it', () => {
    const env = compose.services.api.environment ?? {};
    const unknown = Object.keys(env).filter((key) => !CONFIG_KEYS.includes(key));
    expect(unknown).toEqual([]);
  });

  it('when compose defaults are substituted, then the api environment passes config validation', () => {
    const env = Object.fromEntries(
      Object.entries(compose.services.api.environment ?? {}).map(([key, value]) => [
        key,
        String(value)
          .replace(/\$\{ADMIN_TOKEN:\?[^}]*\}/, 'a-token-of-sixteen-chars')
          .replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1'),
      ]),
    );
    expect(() => loadConfig(env)).not.toThrow();
  });

  it('when mongo-express is configured, then its credentials come from the environment', () => {
    const env = compose.services['mongo-express'].environment ?? {};
    expect(env.ME_CONFIG_BASICAUTH_PASSWORD).toMatch(/^\$\{/);
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');

  it('when read, then it is multi-stage, installs production dependencies only and runs as non-root', () => {
    expect((dockerfile.match(/^FROM /gm) ?? []).length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^CMD \["node", "dist\/index.js"\]$/m);
  });
});

describe('.env.example', () => {
  it('when read, then every variable it documents is one the config knows, and every config key is there', () => {
    const keys = read('.env.example')
      .split('\n')
      .map((line) => line.replace(/^#\s*/, ''))
      .filter((line) => /^[A-Z_]+=/.test(line))
      .map((line) => line.split('=')[0]);
    expect(keys.filter((key) => !CONFIG_KEYS.includes(key))).toEqual([]);
    expect(
      CONFIG_KEYS.filter((key) => !keys.includes(key) && !['API_KEY', 'API_USER'].includes(key)),
    ).toEqual([]);
  });
});
