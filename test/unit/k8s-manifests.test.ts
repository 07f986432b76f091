import 'reflect-metadata';

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { parseAllDocuments } from 'yaml';

import { CONFIG_KEYS, loadConfig } from '../../src/config';
import { type RunningServer, startHttpServer } from '../../src/http/app';
import { testGraphqlDeps } from '../support/graphql-app';

/**
 * What deploy/k8s/ must agree on with the code: the port, the environment names, the probe paths, the CLI the
 * CronJob runs, the non-root user of the image. Schema validity is kubernetes-validate's job in .ci/run.
 */

const root = path.resolve(__dirname, '..', '..');
const k8sDir = path.join(root, 'deploy', 'k8s');

/** Names the Deployment and the CronJob take from the Secret, never from the ConfigMap. */
const SECRET_KEYS = [
  'ADMIN_TOKEN',
  'MONGO_URI',
  'USAJOBS_API_KEY',
  'USAJOBS_USER_AGENT',
  'SMTP_URL',
  'DIGEST_WEBHOOK_SECRET',
];

/** The digest's variables (src/config.ts): every one reaches each pod that runs runs. */
const DIGEST_KEYS = CONFIG_KEYS.filter((key) => key === 'SMTP_URL' || key.startsWith('DIGEST_'));

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  [key: string]: unknown;
}

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string; optional?: boolean } };
}

interface Probe {
  httpGet?: { path: string; port: string | number };
}

interface Container {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  ports?: { name?: string; containerPort: number }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  env?: EnvVar[];
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  startupProbe?: Probe;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: {
    runAsNonRoot?: boolean;
    runAsUser?: number;
    allowPrivilegeEscalation?: boolean;
    readOnlyRootFilesystem?: boolean;
    capabilities?: { drop?: string[] };
  };
  volumeMounts?: { name: string; mountPath: string }[];
}

interface PodSpec {
  containers: Container[];
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number };
  volumes?: { name: string; emptyDir?: unknown }[];
  restartPolicy?: string;
}

interface PodTemplate {
  metadata: { labels: Record<string, string> };
  spec: PodSpec;
}

function readManifests(file: string): Manifest[] {
  const docs = parseAllDocuments(readFileSync(path.join(k8sDir, file), 'utf8'));
  return (Array.isArray(docs) ? docs : [docs]).map((doc) => {
    expect(doc.errors).toEqual([]);
    return doc.toJS() as Manifest;
  });
}

const files = readdirSync(k8sDir).filter((file) => /\.ya?ml$/.test(file));
const manifests = files
  .filter((file) => file !== 'kustomization.yaml')
  .flatMap((file) => readManifests(file).map((manifest) => ({ file, manifest })));

function only(kind: string): Manifest {
  const found = manifests.filter(({ manifest }) => manifest.kind === kind);
  expect(found).toHaveLength(1);
  return found[0]!.manifest;
}

const configMap = only('ConfigMap') as Manifest & { data: Record<string, string> };
const deployment = only('Deployment') as Manifest & {
  spec: { replicas: number; selector: { matchLabels: Record<string, string> }; template: PodTemplate };
};
const service = only('Service') as Manifest & {
  spec: { selector: Record<string, string>; ports: { port: number; targetPort: string | number }[] };
};
const pdb = only('PodDisruptionBudget') as Manifest & {
  spec: { minAvailable: number; selector: { matchLabels: Record<string, string> } };
};
const cronJob = only('CronJob') as Manifest & {
  spec: {
    schedule: string;
    timeZone?: string;
    concurrencyPolicy: string;
    jobTemplate: { spec: { template: PodTemplate } };
  };
};
const kustomization = readManifests('kustomization.yaml')[0] as unknown as {
  resources: string[];
  images: { name: string; newName?: string; newTag?: string }[];
};

const pods: [string, PodTemplate][] = [
  ['Deployment', deployment.spec.template],
  ['CronJob', cronJob.spec.jobTemplate.spec.template],
];
const api = deployment.spec.template.spec.containers[0]!;
const etl = cronJob.spec.jobTemplate.spec.template.spec.containers[0]!;

/** The environment a container gets: the ConfigMap it names, then its own `env`. */
function environmentOf(container: Container): Map<string, EnvVar> {
  const env = new Map<string, EnvVar>();
  for (const source of container.envFrom ?? []) {
    expect(source.configMapRef?.name).toBe(configMap.metadata.name);
    for (const [name, value] of Object.entries(configMap.data)) env.set(name, { name, value });
  }
  for (const variable of container.env ?? []) env.set(variable.name, variable);
  return env;
}

/** A file the image runs, `dist/x/y.js`, comes from `src/x/y.ts` (tsconfig: rootDir src, outDir dist). */
function sourceOf(distFile: string): string {
  return path.join(root, distFile.replace(/^dist\//, 'src/').replace(/\.js$/, '.ts'));
}

describe('deploy/k8s manifests', () => {
  it('when every file is parsed, then each is a named Kubernetes object and kustomization lists all but the CronJob', () => {
    expect(manifests.map(({ manifest }) => manifest.kind).sort()).toEqual([
      'ConfigMap',
      'CronJob',
      'Deployment',
      'PodDisruptionBudget',
      'Service',
    ]);
    for (const { manifest } of manifests) {
      expect(manifest.apiVersion).toMatch(/^(v1|apps\/v1|batch\/v1|policy\/v1)$/);
      expect(manifest.metadata.name).toMatch(/^job-tracker/);
    }
    for (const resource of kustomization.resources)
      expect(existsSync(path.join(k8sDir, resource))).toBe(true);
    // The CronJob is the alternative to the in-process schedule, applied on its own.
    expect(kustomization.resources.sort()).toEqual(
      files.filter((f) => !['kustomization.yaml', 'cronjob.yaml'].includes(f)).sort(),
    );
  });

  it('when the Deployment is read, then it runs 2+ replicas the PodDisruptionBudget and the Service select', () => {
    expect(deployment.spec.replicas).toBeGreaterThanOrEqual(2);
    const labels = deployment.spec.template.metadata.labels;
    expect(labels).toMatchObject(deployment.spec.selector.matchLabels);
    expect(labels).toMatchObject(service.spec.selector);
    expect(labels).toMatchObject(pdb.spec.selector.matchLabels);
    expect(pdb.spec.minAvailable).toBeGreaterThanOrEqual(1);
    expect(pdb.spec.minAvailable).toBeLessThan(deployment.spec.replicas);
  });

  it('when the container port is compared with the config, then it is the PORT the service listens on', () => {
    const port = loadConfig({ ...configMap.data, ADMIN_TOKEN: 'x'.repeat(16) }).PORT;
    expect(api.ports).toEqual([{ name: 'http', containerPort: port, protocol: 'TCP' }]);
    expect(service.spec.ports.map((p) => p.targetPort)).toEqual(['http']);
  });

  it.each(pods)(
    'when the %s sets a variable, then src/config.ts knows it and secrets come from the Secret only',
    (_kind, pod) => {
      for (const container of pod.spec.containers) {
        const env = environmentOf(container);
        expect([...env.keys()].filter((name) => !CONFIG_KEYS.includes(name))).toEqual([]);
        for (const [name, variable] of env) {
          if (SECRET_KEYS.includes(name)) {
            expect(variable.valueFrom?.secretKeyRef).toMatchObject({
              name: 'job-tracker-secrets',
              key: name,
            });
          } else {
            expect(variable.valueFrom).toBeUndefined();
          }
        }
        expect(env.has('MONGO_URI')).toBe(true);
        expect(env.get('MONGO_URI')?.valueFrom?.secretKeyRef?.optional).not.toBe(true);
      }
    },
  );

  it.each(pods)(
    'when the %s pod runs a run, then every digest variable reaches it: secrets from the Secret (optional), the rest from the ConfigMap',
    (_kind, pod) => {
      expect(DIGEST_KEYS).toEqual(expect.arrayContaining(['SMTP_URL', 'DIGEST_TO', 'DIGEST_WEBHOOK_SECRET']));
      const env = environmentOf(pod.spec.containers[0]!);
      for (const key of DIGEST_KEYS) {
        if (SECRET_KEYS.includes(key)) {
          expect(env.get(key)?.valueFrom?.secretKeyRef).toEqual({
            name: 'job-tracker-secrets',
            key,
            optional: true,
          });
        } else {
          expect(configMap.data).toHaveProperty(key);
        }
      }
    },
  );

  it('when the ConfigMap and stand-ins for the secrets are loaded, then the configuration is valid for production on every interface', () => {
    const secrets = {
      MONGO_URI: 'mongodb+srv://user:pass@cluster0.example.mongodb.net/job_tracker',
      ADMIN_TOKEN: 'a-token-of-sixteen-chars',
      USAJOBS_API_KEY: 'key',
      USAJOBS_USER_AGENT: 'me@example.com',
    };
    const config = loadConfig({ ...configMap.data, ...secrets });
    expect(config).toMatchObject({ NODE_ENV: 'production', HOST: '0.0.0.0' });
    expect(Object.keys(configMap.data).filter((key) => SECRET_KEYS.includes(key))).toEqual([]);
    // A schedule for the in-process scheduler, and a time zone Intl knows.
    expect(configMap.data.ETL_CRON?.trim().split(/\s+/).length).toBeGreaterThanOrEqual(5);
    expect(() => new Intl.DateTimeFormat('en-US', { timeZone: configMap.data.ETL_TZ })).not.toThrow();
  });

  it.each(pods)(
    'when the %s pod is read, then it runs as non-root on a read-only root filesystem with a scratch /tmp and bounded resources',
    (_kind, pod) => {
      expect(pod.spec.securityContext?.runAsNonRoot).toBe(true);
      // The image's `node` user (Dockerfile: USER node) is uid 1000 in the official node images.
      expect(pod.spec.securityContext?.runAsUser).toBe(1000);
      const volumes = new Map((pod.spec.volumes ?? []).map((v) => [v.name, v]));
      for (const container of pod.spec.containers) {
        expect(container.securityContext).toMatchObject({
          runAsNonRoot: true,
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ['ALL'] },
        });
        const tmp = container.volumeMounts?.find((m) => m.mountPath === '/tmp');
        expect(tmp && volumes.get(tmp.name)?.emptyDir).toBeDefined();
        expect(container.resources?.requests).toEqual(
          expect.objectContaining({ cpu: expect.any(String), memory: expect.any(String) }),
        );
        expect(container.resources?.limits?.memory).toEqual(expect.any(String));
      }
    },
  );

  it('when the containers name their program, then the API runs the image CMD and the CronJob the ETL CLI with Forbid', () => {
    const dockerfile = readFileSync(path.join(root, 'Dockerfile'), 'utf8');
    const cmd = JSON.parse(/^CMD (\[.*\])$/m.exec(dockerfile)![1]!) as string[];
    expect(api.command).toEqual(cmd);
    expect(etl.command).toEqual(['node', 'dist/cli/etl.js', '--scheduled']);
    for (const command of [api.command!, etl.command!]) expect(existsSync(sourceOf(command[1]!))).toBe(true);
    expect(cronJob.spec.concurrencyPolicy).toBe('Forbid');
    expect(cronJob.spec.jobTemplate.spec.template.spec.restartPolicy).toBe('Never');
    expect(cronJob.spec.schedule.trim().split(/\s+/)).toHaveLength(5);
    expect(cronJob.spec.timeZone).toBe(configMap.data.ETL_TZ);
  });

  it('when images are named, then the CronJob runs the same image and tag as the Deployment, never latest', () => {
    const [image] = kustomization.images;
    const tagged = `${image!.newName ?? image!.name}:${image!.newTag}`;
    expect(api.image).toBe(`${image!.name}:${image!.newTag}`);
    expect(etl.image).toBe(tagged);
    for (const name of [api.image, etl.image, tagged]) expect(name).not.toMatch(/:latest$|^[^:]+$/);
  });
});

describe('deploy/k8s probes against the app', () => {
  let server: RunningServer;

  beforeAll(async () => {
    // No database: /healthz answers 503 "degraded", which is what a probe of a pod without its database sees.
    server = await startHttpServer(testGraphqlDeps(), { host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await server.close();
  });

  it('when the probes name a path and a port, then the app serves that path and the port is the container port', async () => {
    const probes = [api.readinessProbe, api.livenessProbe, api.startupProbe];
    expect(api.readinessProbe?.httpGet?.path).toBe('/healthz');
    expect(api.livenessProbe?.httpGet?.path).toBe('/livez');
    expect(api.startupProbe?.httpGet?.path).toBe('/livez');
    for (const probe of probes.filter((p) => p !== undefined)) {
      expect(api.ports?.map((p) => p.name)).toContain(probe.httpGet?.port);
      const response = await fetch(`${server.url}${probe.httpGet!.path}`);
      expect(response.status).not.toBe(404);
      expect(await response.json()).toMatchObject({ status: expect.stringMatching(/^(ok|degraded)$/) });
    }
  });

  it('when the database does not answer, then readiness (/healthz) fails and liveness (/livez) still answers 200, so no pod is restarted for it', async () => {
    const ready = await fetch(`${server.url}${api.readinessProbe!.httpGet!.path}`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'degraded', db: 'down' });
    const live = await fetch(`${server.url}${api.livenessProbe!.httpGet!.path}`);
    expect(live.status).toBe(200);
    expect(live.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await live.json()).toEqual({
      status: 'ok',
      uptimeSeconds: expect.any(Number),
      eventLoopDelayMs: { p99: expect.any(Number), max: expect.any(Number) },
    });
  });
});
