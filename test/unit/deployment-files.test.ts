import 'reflect-metadata';

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { parse, type Tags } from 'yaml';

import { CONFIG_KEYS, loadConfig } from '../../src/config';
import * as lambda from '../../src/lambda';

const root = path.resolve(__dirname, '..', '..');
const read = (file: string): string => readFileSync(path.join(root, file), 'utf8');
/** The digest's variables (src/config.ts), which every deployment passes on. */
const DIGEST_KEYS = CONFIG_KEYS.filter((key) => key === 'SMTP_URL' || key.startsWith('DIGEST_'));

/** A file the image or Lambda runs, `dist/x/y.js`, comes from `src/x/y.ts` (tsconfig: rootDir src, outDir dist). */
const sourceOf = (distFile: string): string =>
  path.join(root, distFile.replace(/^dist\//, 'src/').replace(/\.js$/, '.ts'));

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
    expect(compose.services['mongo-express'].ports).toContain('127.0.0.1:8081:8081');
  });

  it('when ports are published, then only on the host loopback (mongo not at all)', () => {
    for (const service of Object.values(compose.services)) {
      for (const port of service.ports ?? []) expect(port).toMatch(/^127\.0\.0\.1:/);
    }
    expect(compose.services.mongo.ports).toBeUndefined();
  });

  it('when nothing is set, then the api runs the ETL on a daily schedule and listens on every interface of its container', () => {
    const env = compose.services.api.environment ?? {};
    expect(env.ETL_CRON).toMatch(/^\$\{ETL_CRON:-\S+( \S+){4,5}\}$/);
    expect(env.HOST).toBe('0.0.0.0');
    expect(env.NODE_ENV).toBe('production');
    expect(compose.services.api.ports).toEqual([`127.0.0.1:\${PORT:-4000}:${env.PORT}`]);
  });

  it('when the api service sets a variable, then the config knows it', () => {
    const env = compose.services.api.environment ?? {};
    const unknown = Object.keys(env).filter((key) => !CONFIG_KEYS.includes(key));
    expect(unknown).toEqual([]);
  });

  it('when the digest is configured in the shell or .env, then every digest variable reaches the api, unset by default', () => {
    const env = compose.services.api.environment ?? {};
    expect(DIGEST_KEYS.length).toBeGreaterThanOrEqual(8);
    for (const key of DIGEST_KEYS) expect(env[key]).toBe(`\${${key}:-}`);
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

  it('when the image runs, then the file it starts is built from src/ and it listens on every interface', () => {
    const cmd = JSON.parse(/^CMD (\[.*\])$/m.exec(dockerfile)![1]!) as string[];
    expect(existsSync(sourceOf(cmd[1]!))).toBe(true);
    expect(dockerfile).toMatch(/^\s+HOST=0\.0\.0\.0$/m);
  });

  it('when the build context is sent, then local state and secrets stay out of it', () => {
    const ignored = read('.dockerignore').split('\n');
    for (const entry of ['node_modules', '.env', '.data', 'dist', '.git']) expect(ignored).toContain(entry);
  });
});

/** CloudFormation's short-form functions (`!Ref`, `!Sub`, `!If` …) as their long form, so the template parses. */
const CLOUDFORMATION_TAGS: Tags = [
  'Ref',
  'Sub',
  'If',
  'Not',
  'Equals',
  'Join',
  'GetAtt',
  'Select',
  'Split',
  'And',
  'Or',
  'FindInMap',
  'Base64',
  'GetAZs',
  'ImportValue',
  'Condition',
].flatMap((name) => {
  const key = name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`;
  return [
    { tag: `!${name}`, resolve: (value: string) => ({ [key]: value }) },
    {
      tag: `!${name}`,
      collection: 'seq' as const,
      resolve: (seq: { toJSON(): unknown }) => ({ [key]: seq.toJSON() }),
    },
    {
      tag: `!${name}`,
      collection: 'map' as const,
      resolve: (map: { toJSON(): unknown }) => ({ [key]: map.toJSON() }),
    },
  ];
});

interface SamFunction {
  Type: string;
  Properties: {
    Handler: string;
    Timeout: number;
    ReservedConcurrentExecutions?: number;
    EventInvokeConfig?: { MaximumRetryAttempts?: number };
    Events: Record<string, { Type: string; Properties: Record<string, unknown> }>;
  };
}

describe('template.yaml (AWS SAM)', () => {
  const template = parse(read('template.yaml'), { customTags: CLOUDFORMATION_TAGS }) as {
    Transform: string;
    Parameters: Record<string, { Type: string; NoEcho?: boolean; Default?: string }>;
    Globals: {
      Function: {
        Runtime: string;
        CodeUri: string;
        Environment: { Variables: Record<string, unknown> };
      };
    };
    Resources: Record<string, SamFunction>;
  };
  const etl = template.Resources.EtlFunction!;
  const graphql = template.Resources.GraphqlFunction!;
  const variables = template.Globals.Function.Environment.Variables;

  it('when a function names its handler, then dist/lambda.js is built from src/lambda.ts and exports it', () => {
    expect(template.Transform).toBe('AWS::Serverless-2016-10-31');
    const exported = lambda as unknown as Record<string, unknown>;
    for (const fn of [etl, graphql]) {
      expect(fn.Type).toBe('AWS::Serverless::Function');
      const [, file, name] = /^(.+)\.(\w+)$/.exec(fn.Properties.Handler)!;
      expect(file).toBe('dist/lambda');
      expect(existsSync(sourceOf(`${file}.js`))).toBe(true);
      expect(typeof exported[name!]).toBe('function');
    }
    expect(etl.Properties.Handler).toBe('dist/lambda.etlHandler');
    expect(graphql.Properties.Handler).toBe('dist/lambda.graphqlHandler');
  });

  it('when the runtime is read, then it is a Node.js release package.json allows', () => {
    const runtime = /^nodejs(\d+)\.x$/.exec(template.Globals.Function.Runtime);
    const engine = /^>=(\d+)/.exec(
      (JSON.parse(read('package.json')) as { engines: { node: string } }).engines.node,
    );
    expect(Number(runtime?.[1])).toBeGreaterThanOrEqual(Number(engine?.[1]));
  });

  it('when the code is packaged, then CodeUri is the folder deploy/lambda/build.sh writes, which git ignores', () => {
    const codeUri = template.Globals.Function.CodeUri.replace(/\/$/, '');
    expect(read('deploy/lambda/build.sh')).toContain(`out="$root/${codeUri}"`);
    const ignored = read('.gitignore').split('\n');
    expect(ignored).toContain(`${codeUri.split('/')[0]}/`);
  });

  it('when events are read, then the ETL runs on an EventBridge schedule, one at a time, and the API on POST /graphql', () => {
    expect(Object.values(etl.Properties.Events).map((e) => e.Type)).toEqual(['Schedule']);
    expect(etl.Properties.ReservedConcurrentExecutions).toBe(1);
    expect(etl.Properties.EventInvokeConfig?.MaximumRetryAttempts).toBe(0);
    expect(etl.Properties.Timeout).toBeLessThanOrEqual(900);
    const routes = Object.values(graphql.Properties.Events).map(
      (e) => `${e.Type} ${String(e.Properties.Method)} ${String(e.Properties.Path)}`,
    );
    expect(routes).toContain('HttpApi POST /graphql');
    // API Gateway gives up at 30 s.
    expect(graphql.Properties.Timeout).toBeLessThan(30);
  });

  it('when the functions get their environment, then src/config.ts knows every name and secrets are NoEcho parameters or Secrets Manager', () => {
    expect(
      Object.keys(variables).filter((key) => !CONFIG_KEYS.includes(key) && key !== 'NODE_OPTIONS'),
    ).toEqual([]);
    expect(variables.NODE_ENV).toBe('production');
    const secrets: Record<string, string> = {
      MONGO_URI: 'MongoUri',
      ADMIN_TOKEN: 'AdminToken',
      USAJOBS_API_KEY: 'UsajobsApiKey',
      USAJOBS_USER_AGENT: 'UsajobsUserAgent',
    };
    for (const [name, parameter] of Object.entries(secrets)) {
      expect(template.Parameters[parameter]).toMatchObject({ Type: 'String', NoEcho: true });
      const [, given, fallback] = (variables[name] as { 'Fn::If': [string, unknown, unknown] })['Fn::If'];
      expect(given).toEqual({ Ref: parameter });
      expect(fallback).toEqual({
        'Fn::Sub': `{{resolve:secretsmanager:\${SecretName}:SecretString:${name}}}`,
      });
    }
  });

  it('when the digest is configured, then both functions get every digest variable from a parameter, secrets NoEcho and defaults as the config', () => {
    const defaults = loadConfig({});
    for (const key of DIGEST_KEYS) {
      const parameter = (variables[key] as { Ref?: string } | undefined)?.Ref;
      expect([key, parameter && template.Parameters[parameter]?.Type]).toEqual([key, expect.any(String)]);
      const declared = template.Parameters[parameter!]!;
      if (key === 'SMTP_URL' || key === 'DIGEST_WEBHOOK_SECRET') expect(declared.NoEcho).toBe(true);
      else expect(declared.NoEcho).toBeUndefined();
      if (declared.Type === 'Number') {
        expect([key, Number(declared.Default)]).toEqual([key, defaults[key as keyof typeof defaults]]);
      } else {
        expect([key, declared.Default]).toEqual([key, '']);
      }
    }
  });
});

describe('.github/workflows/ci.yml', () => {
  const workflow = parse(read('.github/workflows/ci.yml')) as {
    on: Record<string, unknown>;
    permissions: Record<string, string>;
    jobs: Record<string, { steps: { uses?: string; run?: string; with?: Record<string, unknown> }[] }>;
  };
  const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);

  it('when GitHub runs it, then it runs .ci/run on Node 20 with read-only permissions', () => {
    expect(Object.keys(workflow.on)).toEqual(expect.arrayContaining(['push', 'pull_request']));
    expect(workflow.permissions).toEqual({ contents: 'read' });
    expect(steps.some((step) => step.run?.trim() === 'bash .ci/run')).toBe(true);
    const node = steps.find((step) => step.uses?.startsWith('actions/setup-node@'));
    expect(String(node?.with?.['node-version'])).toMatch(/^20\./);
    const go = steps.find((step) => step.uses?.startsWith('actions/setup-go@'));
    expect(go?.with?.['go-version-file']).toBe('db-launcher/go.mod');
  });

  it('when it uses actions, then each is pinned to a full commit', () => {
    const uses = steps.flatMap((step) => (step.uses ? [step.uses] : []));
    expect(uses.length).toBeGreaterThan(0);
    for (const action of uses) expect(action).toMatch(/^[\w-]+\/[\w-]+@[0-9a-f]{40}$/);
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
