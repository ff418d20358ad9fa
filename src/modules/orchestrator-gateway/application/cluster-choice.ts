import { DomainError } from '../../../shared/errors/domain-error.js';
import type { CandidateRow } from './candidate-rows.js';
import type { ClusterChoice, ConnectionTarget } from './connection-selector.js';

/** The clusters of an organization a request can go to, each with the connection it would go to. */
export interface CandidateView {
  /** Cluster keys: the cluster name, or the connection id of a session that gave none. */
  readonly clusters: readonly string[];
  /** The connection a request to `cluster` goes to (a call may pick a different HA sibling each time). */
  target(cluster: string): ConnectionTarget | undefined;
}

const noCluster = (message: string, clusters: readonly string[]): DomainError =>
  new DomainError('GATEWAY.NO_CLUSTER', 'no_cluster', { message, clusters: [...clusters] });

const offline = (): DomainError => new DomainError('GATEWAY.ORCHESTRATOR_OFFLINE', 'Orchestrator offline');

/**
 * Which connection a request goes to (orchestrator-protocol §2.9.3, cli-contract §3.4): the recorded or
 * explicit cluster, else the default cluster when connected, else the only connected cluster; several
 * clusters → 422 `ambiguous_cluster` naming them; none → 503 or 422 `no_cluster` (`whenNoneConnected`).
 * A refusal is returned, not thrown: one drawn from a cached view is checked against the database first.
 */
export function chooseTarget(view: CandidateView, choice: ClusterChoice): ConnectionTarget | DomainError {
  const clusters = [...view.clusters].sort();
  if (choice.recordedCluster) return view.target(choice.recordedCluster) ?? offline();
  if (choice.cluster) return view.target(choice.cluster) ?? noCluster(`Orchestrator cluster "${choice.cluster}" is not connected`, clusters);
  if (choice.defaultCluster && clusters.includes(choice.defaultCluster)) {
    const target = view.target(choice.defaultCluster);
    if (target) return target;
  }
  if (clusters.length === 0) return choice.whenNoneConnected === 'no_cluster' ? noCluster('No orchestrator is connected for this organization.', []) : offline();
  if (clusters.length > 1) {
    // The CLI's contract (cli-contract §3.4): `error` is the machine word, `message` and `clusters` explain.
    return new DomainError('GATEWAY.AMBIGUOUS_CLUSTER', 'ambiguous_cluster', {
      message: `Multiple orchestrators are connected; choose one of: ${clusters.join(', ')}`,
      clusters,
    });
  }
  return view.target(clusters[0]!) ?? offline();
}

/**
 * A session that has not sent its first source.register yet (a few milliseconds after it authenticates)
 * has not said which cluster it is; while registered ones exist, it must not look like another cluster.
 */
export function viewOfRows(rows: readonly CandidateRow[]): CandidateView {
  const live = rows.some((row) => row.registered) ? rows.filter((row) => row.registered) : rows;
  const byCluster = new Map(live.map((row) => [row.clusterName ?? row.connectionId, row]));
  return { clusters: [...byCluster.keys()], target: (cluster) => byCluster.get(cluster) };
}
