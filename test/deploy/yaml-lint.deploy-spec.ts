import { renderChart, toManifestStream, type ReleaseOptions } from '../support/helm/render-chart.js';
import { runTool, toolMissing } from '../support/lint-tools.js';

/** yamllint with the repository's .yamllint, machine-readable findings; `-` lints stdin. */
function yamllint(args: string[], input?: string) {
  return runTool('yamllint', ['-f', 'parsable', '-c', '.yamllint', ...args], { input });
}

const SECRETS = { secret: { databaseUrl: 'postgres://u:p@db:5432/kici', secretKey: Buffer.alloc(32).toString('base64'), oidcIssuer: 'https://idp.example.com' } };

const VARIANTS: Record<string, ReleaseOptions> = {
  defaults: { values: SECRETS },
  'existing secret': { values: { secret: { existingSecret: 'kici-credentials' } } },
  'ingress off': { values: { ...SECRETS, ingress: { enabled: false } } },
  'every toggle on': {
    values: {
      ...SECRETS,
      config: { basePath: '/kici', extra: { KICI_WEBHOOK_STORE_PAYLOADS: 'true' } },
      ingress: { tls: [{ secretName: 'tls', hosts: ['kici.example.com'] }] },
      autoscaling: { enabled: true },
      networkPolicy: { enabled: true, databaseTo: [{ ipBlock: { cidr: '10.0.0.0/8' } }], extraEgress: [{ ports: [{ port: 8443, protocol: 'TCP' }] }] },
      serviceMonitor: { enabled: true, labels: { release: 'prometheus' } },
    },
  },
};

describe('yamllint', () => {
  it('finds nothing in Chart.yaml, values.yaml and docker/compose.yaml', () => {
    const result = yamllint(['k8s/kici-platform/Chart.yaml', 'k8s/kici-platform/values.yaml', 'docker/compose.yaml', '.yamllint']);
    if (toolMissing(result, 'yamllint', 'yamllint')) return;
    expect(result.output).toBe('');
    expect(result.status).toBe(0);
  });

  it.each(Object.keys(VARIANTS))('finds nothing in the manifests the chart renders with %s', (variant) => {
    const result = yamllint(['-'], toManifestStream(renderChart('k8s/kici-platform', VARIANTS[variant])));
    if (toolMissing(result, 'yamllint', 'yamllint')) return;
    expect(result.output).toBe('');
    expect(result.status).toBe(0);
  });

  it('reports what it should (a duplicated key), so a silent pass means something', () => {
    const result = yamllint(['-'], 'a: 1\na: 2\n');
    if (toolMissing(result, 'yamllint', 'yamllint')) return;
    expect(result.status).toBe(1);
    expect(result.output).toContain('key-duplicates');
  });
});
