/**
 * deploy/kubernetes/: every file parses as YAML, and what the manifests promise (probes, ports,
 * variables, secrets, resources) matches the app's configuration. No cluster needed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { CONFIG_VARIABLES, formatConfigProblems, loadConfig } from '../../../src/config/load-config.js';
import { FILE_SECRET_VARIABLES } from '../../../src/config/secret-files.js';
import { createMetrics } from '../../../src/lib/metrics.js';
import { createOpsRoutes } from '../../../src/slack/ops-routes.js';

const root = path.resolve(import.meta.dirname, '../../..');
const dir = path.join(root, 'deploy', 'kubernetes');

// biome-ignore lint/suspicious/noExplicitAny: parsed YAML is walked by shape; the assertions check it
type Doc = Record<string, any>;

const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));

function docsOf(file: string): Doc[] {
  const parsed = parseAllDocuments(readFileSync(path.join(dir, file), 'utf8'));
  const docs = Array.isArray(parsed) ? parsed : [parsed];
  for (const doc of docs) if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors[0]?.message}`);
  return docs.map((doc) => doc.toJS() as Doc);
}

const all = files.flatMap((file) => docsOf(file).map((doc) => ({ file, doc })));
const one = (kind: string): Doc => {
  const found = all.filter((entry) => entry.doc.kind === kind);
  expect(found, kind).toHaveLength(1);
  return (found[0] as { doc: Doc }).doc;
};

const deployment = one('Deployment');
const container = deployment.spec.template.spec.containers[0];
const env: { name: string; value?: string; valueFrom?: Doc }[] = container.env;
const secret = one('Secret');
const configMap = one('ConfigMap');

const mebibytes = (quantity: string): number => {
  const match = /^(\d+)(Mi|Gi)$/.exec(quantity);
  if (!match) throw new Error(`unexpected quantity ${quantity}`);
  return Number(match[1]) * (match[2] === 'Gi' ? 1024 : 1);
};

/** The environment a container of this Deployment sees (ConfigMap references resolved). */
function containerEnv(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of env) {
    if (entry.value !== undefined) out[entry.name] = entry.value;
    const ref = entry.valueFrom?.configMapKeyRef;
    if (ref) out[entry.name] = configMap.data[ref.key] ?? '';
  }
  return out;
}

describe('deploy/kubernetes', () => {
  it('parses every file, with the kinds a plain install needs', () => {
    expect(files.length).toBeGreaterThanOrEqual(5);
    const kinds = all.map((entry) => entry.doc.kind).sort();
    expect(kinds).toEqual(
      ['ConfigMap', 'Deployment', 'Kustomization', 'PodDisruptionBudget', 'Secret', 'Service'].sort(),
    );
  });

  it('reads the same to YAML 1.1 (Kubernetes) and YAML 1.2 readers', () => {
    for (const file of files) {
      const text = readFileSync(path.join(dir, file), 'utf8');
      const as = (version: '1.1' | '1.2') => parseAllDocuments(text, { version }).map((d) => d.toJS());
      expect(as('1.1'), file).toEqual(as('1.2'));
    }
  });

  it('applies everything with kustomize except the secret template', () => {
    const kustomization = one('Kustomization');
    const resources: string[] = kustomization.resources;
    const secretFile = all.find((entry) => entry.doc.kind === 'Secret')?.file;
    expect([...resources].sort()).toEqual(
      files.filter((f) => f !== 'kustomization.yaml' && f !== secretFile).sort(),
    );
  });

  it('runs two replicas, kept at one or more by the disruption budget, behind one Service', () => {
    expect(deployment.spec.replicas).toBe(2);
    const labels = deployment.spec.template.metadata.labels;
    expect(deployment.spec.selector.matchLabels).toEqual(labels);
    const pdb = one('PodDisruptionBudget');
    expect(pdb.spec.minAvailable).toBe(1);
    expect(pdb.spec.selector.matchLabels).toEqual(labels);
    expect(one('Service').spec.selector).toEqual(labels);
    // SIGTERM: the app exits within 5 s; Kubernetes must wait longer before SIGKILL.
    expect(deployment.spec.template.spec.terminationGracePeriodSeconds).toBeGreaterThan(5);
  });

  it('probes /healthz for liveness and /readyz for readiness, on the port the app listens on', () => {
    const served = createOpsRoutes({
      metrics: createMetrics({ defaultMetrics: false }),
      metricsToken: null,
      readiness: async () => ({ ready: true, faults: [] }),
      socketConnected: () => null,
    }).health.map((route) => route.path);
    expect(container.livenessProbe.httpGet.path).toBe('/healthz');
    expect(container.readinessProbe.httpGet.path).toBe('/readyz');
    expect(served).toEqual(expect.arrayContaining(['/healthz', '/readyz']));

    const ports = new Map<string, number>(
      container.ports.map((p: Doc) => [p.name as string, p.containerPort as number]),
    );
    for (const probe of [container.livenessProbe, container.readinessProbe, container.startupProbe]) {
      expect(ports.has(probe.httpGet.port)).toBe(true);
    }
    const config = loadContainerConfig();
    expect(ports.get(container.readinessProbe.httpGet.port)).toBe(config.port);
    expect(ports.get('metrics')).toBe(config.metrics.port);
    const service = one('Service');
    for (const port of service.spec.ports) expect(ports.has(port.targetPort)).toBe(true);
  });

  it('sets only variables the app reads, and every secret through NAME_FILE from the mounted Secret', () => {
    const known = new Set([...CONFIG_VARIABLES, ...FILE_SECRET_VARIABLES.map((name) => `${name}_FILE`)]);
    for (const { name } of env) expect(known.has(name), name).toBe(true);
    const secretNames = new Set<string>(FILE_SECRET_VARIABLES);
    for (const { name } of env) expect(secretNames.has(name), `${name} in plain env`).toBe(false);
    const mount = container.volumeMounts.find((m: Doc) => m.name === 'secrets');
    const volume = deployment.spec.template.spec.volumes.find((v: Doc) => v.name === 'secrets');
    expect(volume.secret.secretName).toBe(secret.metadata.name);
    for (const entry of env.filter((e) => e.name.endsWith('_FILE'))) {
      expect(path.posix.dirname(entry.value ?? '')).toBe(mount.mountPath);
      expect(Object.keys(secret.stringData)).toContain(path.posix.basename(entry.value ?? ''));
    }
    for (const entry of env.filter((e) => e.valueFrom?.configMapKeyRef)) {
      expect(entry.valueFrom?.configMapKeyRef.name).toBe(configMap.metadata.name);
      expect(Object.keys(configMap.data)).toContain(entry.valueFrom?.configMapKeyRef.key);
    }
  });

  it('is a configuration the app accepts: HTTP mode on Postgres, secrets read from the mounted files', () => {
    const config = loadContainerConfig();
    expect(config.database.kind).toBe('postgres');
    expect(config.slack.appToken).toBeNull();
    expect(config.slack.botToken).toBe(secret.stringData['slack-bot-token']);
  });

  it('runs as the image user, non-root, with a read-only root filesystem and a writable /tmp', () => {
    const pod = deployment.spec.template.spec.securityContext;
    expect(pod.runAsNonRoot).toBe(true);
    expect(pod.runAsUser).toBe(1000); // `node` in the official Node images
    const dockerfile = readFileSync(path.join(root, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(container.securityContext).toMatchObject({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    });
    expect(container.volumeMounts.map((m: Doc) => m.mountPath)).toContain('/tmp');
  });

  it('requests the memory the benchmark measured, and limits at twice its peak or more', () => {
    const bench = JSON.parse(readFileSync(path.join(root, 'bench/results/memory-rss.json'), 'utf8'));
    const steady: number = bench.rssMB;
    const peak = Math.max(steady, ...bench.perDay.map((day: { rssMB: number }) => day.rssMB));
    const { requests, limits } = container.resources;
    const toMB = (mib: number) => (mib * 1024 * 1024) / 1e6;
    expect(toMB(mebibytes(requests.memory))).toBeGreaterThanOrEqual(steady);
    expect(toMB(mebibytes(requests.memory))).toBeLessThan(steady * 1.5);
    expect(toMB(mebibytes(limits.memory))).toBeGreaterThanOrEqual(2 * peak);
    expect(requests.cpu).toMatch(/^\d+m$/);
  });
});

function loadContainerConfig() {
  const files = new Map<string, string>();
  const mount = container.volumeMounts.find((m: Doc) => m.name === 'secrets').mountPath;
  for (const [key, value] of Object.entries(secret.stringData)) files.set(`${mount}/${key}`, String(value));
  const result = loadConfig(containerEnv(), '/app', (file) => {
    const content = files.get(file);
    if (content === undefined) throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
    return content;
  });
  if (!result.ok) throw new Error(formatConfigProblems(result.problems));
  return result.config;
}
