/** Sub-paths under `orchestrators/:clusterName/` that are routes of their own, not a cluster-scoped alias. */
const OWN_ROUTES = new Set(['runs']);
const MAX_CLUSTER_NAME = 128;

/**
 * `…/orgs/:orgId/orchestrators/:clusterName/<rest>` addresses `…/orgs/:orgId/<rest>` to one cluster
 * (platform-domain §9.9, "per-orchestrator variants"). Returns the URL to route and the cluster, or null
 * when the URL is not such an alias. The query string is kept as sent.
 */
export function clusterScopedUrl(url: string, basePath: string): { url: string; cluster: string } | null {
  const queryStart = url.indexOf('?');
  const path = queryStart === -1 ? url : url.slice(0, queryStart);
  const query = queryStart === -1 ? '' : url.slice(queryStart);
  const prefix = `${basePath}/api/v1/orgs/`;
  if (!path.startsWith(prefix)) return null;
  const match = /^([^/]+)\/orchestrators\/([^/]+)\/(.+)$/.exec(path.slice(prefix.length));
  if (!match) return null;
  const [, orgId, encodedCluster, rest] = match as unknown as [string, string, string, string];
  if (OWN_ROUTES.has(rest.replace(/\/+$/, ''))) return null;
  let cluster: string;
  try {
    cluster = decodeURIComponent(encodedCluster);
  } catch {
    return null;
  }
  if (cluster.length === 0 || cluster.length > MAX_CLUSTER_NAME) return null;
  return { url: `${prefix}${orgId}/${rest}${query}`, cluster };
}
