import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { knownVariableNames } from '../../src/config/app-config.schema.js';
import { loadConfig } from '../../src/config/load-config.js';
import { renderChart, toManifestStream, type ReleaseOptions } from '../support/helm/render-chart.js';
import { parseManifests, validateManifest, type Manifest } from '../support/kubernetes-manifests.js';

const CHART = join(process.cwd(), 'k8s', 'kici-platform');

/** What an operator must set when the chart creates the Secret. */
const REQUIRED_SECRETS = {
  secret: {
    databaseUrl: 'postgres://kici:pw@postgres.db.svc:5432/kici',
    secretKey: Buffer.alloc(32, 7).toString('base64'),
    oidcIssuer: 'https://idp.example.com/realms/kici',
  },
};

const INGRESS_CONTROLLER_PEER = { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } };

/** The variants every check runs on. */
const VARIANTS: Record<string, ReleaseOptions> = {
  defaults: { name: 'kici', values: REQUIRED_SECRETS },
  'existing secret': { name: 'kici', values: { secret: { existingSecret: 'kici-credentials' } } },
  'ingress off': { name: 'kici', values: { ...REQUIRED_SECRETS, ingress: { enabled: false } } },
  'migration at start': { name: 'kici', values: { ...REQUIRED_SECRETS, migration: { enabled: false } } },
  'every toggle on': {
    name: 'prod',
    namespace: 'ci',
    values: {
      ...REQUIRED_SECRETS,
      imagePullSecrets: ['registry'],
      config: { basePath: 'kici/', publicUrl: 'https://ci.example.com', shutdownTimeoutMs: 30000, extra: { KICI_WEBHOOK_STORE_PAYLOADS: 'true' } },
      ingress: { className: 'nginx', hosts: ['ci.example.com'], tls: [{ secretName: 'ci-tls', hosts: ['ci.example.com'] }] },
      autoscaling: { enabled: true },
      networkPolicy: {
        enabled: true,
        ingressFrom: [INGRESS_CONTROLLER_PEER],
        databaseTo: [{ ipBlock: { cidr: '10.20.0.0/16' } }],
      },
      serviceMonitor: { enabled: true, labels: { release: 'prometheus' } },
      podAnnotations: { 'example.com/team': 'ci' },
    },
  },
};

function render(variant: string): Manifest[] {
  return parseManifests(toManifestStream(renderChart(CHART, VARIANTS[variant])));
}

function find(manifests: Manifest[], kind: string, nameSuffix = ''): Manifest {
  const found = manifests.filter((manifest) => manifest.kind === kind && manifest.metadata.name.endsWith(nameSuffix));
  if (found.length !== 1) throw new Error(`expected one ${kind}${nameSuffix ? ` named *${nameSuffix}` : ''}, found ${found.length}`);
  return found[0];
}

function kinds(manifests: Manifest[]): string[] {
  return manifests.map((manifest) => manifest.kind).sort();
}

/** The environment a Platform container starts with: its ConfigMap, then its Secret (decoded), then env. */
function containerEnvironment(manifests: Manifest[], secretData: Record<string, string>): Record<string, string> {
  const container = find(manifests, 'Deployment').spec.template.spec.containers[0];
  const config = find(manifests, 'ConfigMap').data ?? {};
  const secret = Object.fromEntries(Object.entries(secretData).map(([key, value]) => [key, Buffer.from(value, 'base64').toString('utf8')]));
  const env = Object.fromEntries((container.env as { name: string; value?: string }[]).map((item) => [item.name, item.value ?? 'pod-name-0']));
  return { ...config, ...secret, ...env };
}

describe('Helm chart kici-platform', () => {
  describe.each(Object.keys(VARIANTS))('rendered with %s', (variant) => {
    it('is a list of valid Kubernetes objects (kubernetes-models schemas; ServiceMonitor checked by hand)', async () => {
      const manifests = render(variant);
      expect(manifests.length).toBeGreaterThan(4);
      for (const manifest of manifests) {
        if (manifest.kind === 'ServiceMonitor') continue; // a CRD: kubernetes-models ships no schema for it (see its own test)
        await expect(validateManifest(manifest)).resolves.toBeUndefined();
      }
    });

    it('fails validation once a manifest is broken (the schemas are really applied)', async () => {
      const deployment = structuredClone(find(render(variant), 'Deployment'));
      deployment.spec.template.spec.containers[0].ports[0].containerPort = '3000';
      await expect(validateManifest(deployment)).rejects.toThrow(/containerPort/);
    });

    it('gives the pods an environment the Platform accepts in production, with known settings only', () => {
      const manifests = render(variant);
      const secret = manifests.find((manifest) => manifest.kind === 'Secret' && !manifest.metadata.annotations?.['helm.sh/hook']);
      // An existing Secret is the operator's: stand in for it with the keys the chart documents.
      const secretData = secret?.data ?? {
        KICI_DATABASE_URL: Buffer.from('postgres://u:p@db:5432/kici').toString('base64'),
        KICI_SECRET_KEY: Buffer.from(Buffer.alloc(32, 1).toString('base64')).toString('base64'),
        KICI_OIDC_ISSUER: Buffer.from('https://idp.example.com').toString('base64'),
      };
      const environment = containerEnvironment(manifests, secretData);
      for (const name of Object.keys(environment)) expect(knownVariableNames.has(name) ? name : `unknown ${name}`).toBe(name);
      const config = loadConfig(environment, '/app');
      expect(config.unknownVariables).toEqual([]);
      expect(config.http.port).toBe(3000);
    });

    it('keeps every Platform pod selectable by its Service and budget, and the migration pod out of them', () => {
      const manifests = render(variant);
      const deployment = find(manifests, 'Deployment');
      const podLabels = deployment.spec.template.metadata.labels as Record<string, string>;
      const selects = (selector: Record<string, string>, labels: Record<string, string>): boolean => Object.entries(selector).every(([key, value]) => labels[key] === value);
      expect(selects(deployment.spec.selector.matchLabels, podLabels)).toBe(true);
      expect(selects(find(manifests, 'Service').spec.selector, podLabels)).toBe(true);
      expect(selects(find(manifests, 'PodDisruptionBudget').spec.selector.matchLabels, podLabels)).toBe(true);
      const job = manifests.find((manifest) => manifest.kind === 'Job');
      if (job) expect(selects(find(manifests, 'Service').spec.selector, job.spec.template.metadata.labels)).toBe(false);
    });

    it('runs hardened: non-root, read-only root filesystem, no capabilities, default seccomp, writable emptyDirs only', () => {
      const manifests = render(variant);
      for (const workload of manifests.filter((manifest) => manifest.kind === 'Deployment' || manifest.kind === 'Job')) {
        const pod = workload.spec.template.spec;
        expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: 'RuntimeDefault' } });
        expect(pod.automountServiceAccountToken).toBe(false);
        for (const container of pod.containers) {
          expect(container.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
          expect(container.volumeMounts.map((mount: { mountPath: string }) => mount.mountPath).sort()).toEqual(['/tmp', '/var/lib/kici']);
        }
        expect(pod.volumes).toEqual([{ name: 'tmp', emptyDir: {} }, { name: 'data', emptyDir: {} }]);
      }
    });
  });

  it('by default: two replicas rolled with no unavailable pod, Ingress, migration hook, budget, no autoscaler/policy/monitor', () => {
    const manifests = render('defaults');
    expect(kinds(manifests)).toEqual(['ConfigMap', 'Deployment', 'Ingress', 'Job', 'PodDisruptionBudget', 'Secret', 'Secret', 'Service', 'ServiceAccount']);
    const deployment = find(manifests, 'Deployment');
    expect(deployment.spec.replicas).toBe(2);
    expect(deployment.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } });
    expect(find(manifests, 'PodDisruptionBudget').spec.minAvailable).toBe(1);
    expect(find(manifests, 'ConfigMap').data).toMatchObject({ NODE_ENV: 'production', KICI_AUTO_MIGRATE: 'false', KICI_BODY_LIMIT_BYTES: '26214400' });
  });

  it('probes /health (startup, liveness) and /ready (readiness) on the HTTP port', () => {
    const container = find(render('defaults'), 'Deployment').spec.template.spec.containers[0];
    expect(container.startupProbe.httpGet).toEqual({ path: '/health', port: 'http' });
    expect(container.livenessProbe.httpGet).toEqual({ path: '/health', port: 'http' });
    expect(container.readinessProbe.httpGet).toEqual({ path: '/ready', port: 'http' });
    expect(container.ports).toEqual([{ name: 'http', containerPort: 3000, protocol: 'TCP' }]);
  });

  it('puts the base path, normalised as the Platform does, in front of probes, ingress path, metrics and the setting', () => {
    const manifests = render('every toggle on');
    const container = find(manifests, 'Deployment').spec.template.spec.containers[0];
    expect(container.startupProbe.httpGet.path).toBe('/kici/health');
    expect(container.livenessProbe.httpGet.path).toBe('/kici/health');
    expect(container.readinessProbe.httpGet.path).toBe('/kici/ready');
    expect(find(manifests, 'Ingress').spec.rules[0].http.paths[0].path).toBe('/kici');
    expect(find(manifests, 'ServiceMonitor').spec.endpoints[0].path).toBe('/kici/metrics');
    expect(find(manifests, 'ConfigMap').data?.KICI_BASE_PATH).toBe('/kici');
    expect(loadConfig({ KICI_BASE_PATH: 'kici/' }).http.basePath).toBe('/kici');
  });

  it('gives a pod time for the preStop sleep, the whole shutdown timeout and a margin before it is killed', () => {
    const grace = (variant: string) => {
      const pod = find(render(variant), 'Deployment').spec.template.spec;
      const preStopSeconds = Number(pod.containers[0].lifecycle.preStop.exec.command[1]);
      return { total: pod.terminationGracePeriodSeconds as number, preStopSeconds };
    };
    const defaults = grace('defaults');
    expect(defaults.preStopSeconds).toBe(5);
    expect(defaults.total).toBeGreaterThanOrEqual(defaults.preStopSeconds + 10_000 / 1000);
    expect(defaults.total).toBe(20);
    const slow = grace('every toggle on'); // KICI_SHUTDOWN_TIMEOUT_MS=30000
    expect(slow.total).toBeGreaterThanOrEqual(slow.preStopSeconds + 30_000 / 1000);
    expect(find(render('every toggle on'), 'ConfigMap').data?.KICI_SHUTDOWN_TIMEOUT_MS).toBe('30000');
  });

  it('migrates in a pre-install/pre-upgrade hook Job that reads a hook copy of the Secret made just before it', () => {
    const manifests = render('defaults');
    const job = find(manifests, 'Job');
    const hookSecret = find(manifests, 'Secret', '-migrate');
    expect(job.metadata.annotations).toMatchObject({
      'helm.sh/hook': 'pre-install,pre-upgrade',
      'helm.sh/hook-delete-policy': 'before-hook-creation,hook-succeeded',
    });
    expect(hookSecret.metadata.annotations).toMatchObject({ 'helm.sh/hook': 'pre-install,pre-upgrade', 'helm.sh/hook-delete-policy': 'before-hook-creation,hook-succeeded' });
    expect(Number(hookSecret.metadata.annotations?.['helm.sh/hook-weight'])).toBeLessThan(Number(job.metadata.annotations?.['helm.sh/hook-weight']));
    const container = job.spec.template.spec.containers[0];
    expect(container.command).toBeUndefined(); // keeps the image's tini entrypoint
    expect(container.args).toEqual(['node', 'dist/src/cli/main.js', 'migrate']);
    expect(container.envFrom).toEqual([{ secretRef: { name: hookSecret.metadata.name } }]);
    expect(job.spec.template.spec.restartPolicy).toBe('Never');
    expect(hookSecret.data).toEqual(find(manifests, 'Secret', 'kici-platform').data);
  });

  it('with an existing Secret: creates none and points the pods and the migration Job at it', () => {
    const manifests = render('existing secret');
    expect(manifests.filter((manifest) => manifest.kind === 'Secret')).toEqual([]);
    const deployment = find(manifests, 'Deployment');
    expect(deployment.spec.template.spec.containers[0].envFrom).toContainEqual({ secretRef: { name: 'kici-credentials' } });
    expect(deployment.spec.template.metadata.annotations['checksum/secret']).toBeUndefined();
    expect(find(manifests, 'Job').spec.template.spec.containers[0].envFrom).toEqual([{ secretRef: { name: 'kici-credentials' } }]);
  });

  it('with ingress off: no Ingress, and the notes explain port-forwarding', () => {
    const rendered = renderChart(CHART, VARIANTS['ingress off']);
    expect(kinds(parseManifests(toManifestStream(rendered)))).not.toContain('Ingress');
    expect(rendered.notes).toContain('port-forward service/kici-kici-platform');
  });

  it('with migration off: no hook Job or Secret, and pods migrate at start', () => {
    const manifests = render('migration at start');
    expect(kinds(manifests)).not.toContain('Job');
    expect(manifests.filter((manifest) => manifest.kind === 'Secret')).toHaveLength(1);
    expect(find(manifests, 'ConfigMap').data?.KICI_AUTO_MIGRATE).toBe('true');
  });

  it('keeps WebSockets open through ingress-nginx for an hour and lets 25 MiB bodies through', () => {
    const ingress = find(render('defaults'), 'Ingress');
    expect(ingress.metadata.annotations).toEqual({
      'nginx.ingress.kubernetes.io/proxy-read-timeout': '3600',
      'nginx.ingress.kubernetes.io/proxy-send-timeout': '3600',
      'nginx.ingress.kubernetes.io/proxy-body-size': '25m',
    });
    expect(ingress.spec.rules[0].http.paths[0].backend.service).toEqual({ name: 'kici-kici-platform', port: { name: 'http' } });
  });

  it('with every toggle on: autoscaler instead of a fixed count, network policy, TLS, monitor, extra settings', () => {
    const manifests = render('every toggle on');
    const deployment = find(manifests, 'Deployment');
    expect(deployment.metadata.name).toBe('prod-kici-platform');
    expect(deployment.spec.replicas).toBeUndefined();
    expect(find(manifests, 'HorizontalPodAutoscaler').spec).toMatchObject({ scaleTargetRef: { kind: 'Deployment', name: 'prod-kici-platform' }, minReplicas: 2 });
    const policy = find(manifests, 'NetworkPolicy').spec;
    expect(policy.ingress).toEqual([{ ports: [{ port: 'http', protocol: 'TCP' }], from: [INGRESS_CONTROLLER_PEER] }]);
    expect(policy.egress.flatMap((rule: { ports: { port: number; protocol: string }[] }) => rule.ports.map((port) => `${port.port}/${port.protocol}`))).toEqual(['53/UDP', '53/TCP', '5432/TCP', '443/TCP']);
    expect(policy.egress[1].to).toEqual([{ ipBlock: { cidr: '10.20.0.0/16' } }]);
    expect(find(manifests, 'Ingress').spec).toMatchObject({ ingressClassName: 'nginx', tls: [{ secretName: 'ci-tls', hosts: ['ci.example.com'] }] });
    expect(find(manifests, 'ConfigMap').data).toMatchObject({ KICI_PUBLIC_URL: 'https://ci.example.com', KICI_WEBHOOK_STORE_PAYLOADS: 'true' });
    expect(deployment.spec.template.spec.imagePullSecrets).toEqual([{ name: 'registry' }]);
    expect(deployment.spec.template.metadata.annotations['example.com/team']).toBe('ci');
  });

  it('ServiceMonitor (a CRD, so checked here by hand): scrapes the Service port the Service names', () => {
    const manifests = render('every toggle on');
    const monitor = find(manifests, 'ServiceMonitor');
    const service = find(manifests, 'Service');
    expect(monitor.apiVersion).toBe('monitoring.coreos.com/v1');
    expect(monitor.metadata.labels).toMatchObject({ release: 'prometheus' });
    expect(monitor.spec.selector.matchLabels).toEqual(service.spec.selector);
    expect(Object.entries(service.metadata.labels ?? {})).toEqual(expect.arrayContaining(Object.entries(monitor.spec.selector.matchLabels)));
    expect(service.spec.ports.map((port: { name: string }) => port.name)).toContain(monitor.spec.endpoints[0].port);
    expect(monitor.spec.endpoints[0].interval).toMatch(/^\d+[smh]$/);
  });

  it('rolls the pods when the settings change (config checksum annotation)', () => {
    const checksum = (values: ReleaseOptions['values']) =>
      find(parseManifests(toManifestStream(renderChart(CHART, { name: 'kici', values }))), 'Deployment').spec.template.metadata.annotations['checksum/config'];
    expect(checksum(REQUIRED_SECRETS)).toMatch(/^[0-9a-f]{64}$/);
    expect(checksum({ ...REQUIRED_SECRETS, config: { logLevel: 'debug' } })).not.toBe(checksum(REQUIRED_SECRETS));
  });

  it('refuses to render without the required secret settings, naming each', () => {
    expect(() => renderChart(CHART, { values: {} })).toThrow(/secret\.databaseUrl is required/);
    expect(() => renderChart(CHART, { values: { secret: { databaseUrl: 'postgres://x@y/z' } } })).toThrow(/secret\.secretKey is required/);
  });

  it('deploys the package version by default (Chart appVersion = package.json version)', () => {
    const chart = parse(readFileSync(join(CHART, 'Chart.yaml'), 'utf8')) as { apiVersion: string; appVersion: string };
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    expect(chart.apiVersion).toBe('v2');
    expect(chart.appVersion).toBe(pkg.version);
    expect(find(render('defaults'), 'Deployment').spec.template.spec.containers[0].image).toBe(`kici-platform:${pkg.version}`);
  });
});
