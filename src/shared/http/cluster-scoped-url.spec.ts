import { clusterScopedUrl } from './cluster-scoped-url.js';

describe('clusterScopedUrl', () => {
  it('turns a per-orchestrator path into the org route and its cluster, keeping the query', () => {
    expect(clusterScopedUrl('/api/v1/orgs/org_a/orchestrators/eu-1/registrations?triggerType=push', '')).toEqual({
      url: '/api/v1/orgs/org_a/registrations?triggerType=push',
      cluster: 'eu-1',
    });
    expect(clusterScopedUrl('/kici/api/v1/orgs/org_a/orchestrators/eu%20west/runs/r1/detail', '/kici')).toEqual({
      url: '/kici/api/v1/orgs/org_a/runs/r1/detail',
      cluster: 'eu west',
    });
  });

  it('leaves other paths, the cluster’s own routes and bad names alone', () => {
    expect(clusterScopedUrl('/api/v1/orgs/org_a/orchestrators', '')).toBeNull();
    expect(clusterScopedUrl('/api/v1/orgs/org_a/orchestrators/eu-1/runs?limit=5', '')).toBeNull();
    expect(clusterScopedUrl('/api/v1/orgs/org_a/runs', '')).toBeNull();
    expect(clusterScopedUrl('/api/v1/orgs/org_a/orchestrators/%E0%A4%A/registrations', '')).toBeNull();
    expect(clusterScopedUrl(`/api/v1/orgs/org_a/orchestrators/${'x'.repeat(129)}/registrations`, '')).toBeNull();
    expect(clusterScopedUrl('/kici/api/v1/orgs/org_a/orchestrators/eu-1/registrations', '')).toBeNull();
  });
});
