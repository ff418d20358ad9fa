import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config.js';
import { DomainError } from '../../../shared/errors/domain-error.js';

/** A live orchestrator connection, wherever it is held, as routing needs it. */
export interface ConnectionTarget {
  readonly connectionId: string;
  readonly replicaId: string;
  readonly clusterName: string | null;
  readonly version: string | null;
  readonly capabilities: { supportedDashboardRequests?: string[]; dashboardWrites?: Record<string, boolean> } & Record<string, unknown>;
}

export interface ClusterChoice {
  /** One exact connection (diagnostics ask every orchestrator); must be live in the organization. */
  readonly connectionId?: string;
  /** The cluster that reported the run a request is about: the run lives there, so if it is gone the answer is 503. */
  readonly recordedCluster?: string | null;
  /** `?orchestrator=`: must be connected (422 with the connected names otherwise). */
  readonly cluster?: string | null;
  /** `?defaultCluster=`: used when connected, ignored otherwise. */
  readonly defaultCluster?: string | null;
  /**
   * What "nothing connected" is: 503 "Orchestrator offline" for dashboard reads (the CLI prints its own
   * hint), or the 422 `no_cluster` contract of `kici run remote`.
   */
  readonly whenNoneConnected?: 'offline' | 'no_cluster';
}

const noCluster = (message: string, clusters: string[]): DomainError =>
  new DomainError('GATEWAY.NO_CLUSTER', 'no_cluster', { message, clusters });

/**
 * Picks the connection a request goes to (orchestrator-protocol §2.9.3, cli-contract §3.4): the explicit
 * cluster, else the default cluster when connected, else the only connected cluster; several clusters →
 * 422 `ambiguous_cluster` naming them; none → 503 or 422 `no_cluster` (`whenNoneConnected`). HA siblings of a cluster are
 * interchangeable; the most recently heard-from one is taken.
 */
@Injectable()
export class ConnectionSelector {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async select(orgId: string, choice: ClusterChoice = {}): Promise<ConnectionTarget> {
    // One candidate per cluster: a sibling on this replica if there is one (no hop), else the freshest.
    // The choice sorts narrow rows only; capabilities (jsonb) are read for the chosen ones.
    const rows = (await this.dataSource.query(
      `SELECT chosen.*, c.capabilities
         FROM (SELECT DISTINCT ON (coalesce(cluster_name, connection_id::text))
                      connection_id AS "connectionId", replica_id AS "replicaId", cluster_name AS "clusterName", version,
                      registered_at IS NOT NULL AS registered
                 FROM platform_connections
                WHERE org_id = $1 AND disconnected_at IS NULL
                ORDER BY coalesce(cluster_name, connection_id::text), (replica_id = $2) DESC, last_heartbeat_at DESC NULLS LAST, connected_at DESC) chosen
         JOIN platform_connections c ON c.connection_id = chosen."connectionId"`,
      [orgId, this.config.instanceId],
    )) as (ConnectionTarget & { registered: boolean })[];
    // A session that has not sent its first source.register yet (a few milliseconds after it authenticates)
    // has not said which cluster it is; while registered ones exist, it must not look like another cluster.
    const live = rows.some((row) => row.registered) ? rows.filter((row) => row.registered) : rows;
    if (choice.connectionId) {
      const [exact] = (await this.dataSource.query(
        `SELECT connection_id AS "connectionId", replica_id AS "replicaId", cluster_name AS "clusterName", version, capabilities
           FROM platform_connections WHERE org_id = $1 AND connection_id::text = $2 AND disconnected_at IS NULL`,
        [orgId, choice.connectionId],
      )) as ConnectionTarget[];
      if (!exact) throw new DomainError('GATEWAY.ORCHESTRATOR_OFFLINE', 'Orchestrator offline');
      return exact;
    }
    const clusterOf = (target: ConnectionTarget): string => target.clusterName ?? target.connectionId;
    const clusters = [...new Set(live.map(clusterOf))].sort();

    if (choice.recordedCluster) {
      const target = live.find((candidate) => clusterOf(candidate) === choice.recordedCluster);
      if (!target) throw new DomainError('GATEWAY.ORCHESTRATOR_OFFLINE', 'Orchestrator offline');
      return target;
    }
    if (choice.cluster) {
      const target = live.find((candidate) => clusterOf(candidate) === choice.cluster);
      if (!target) throw noCluster(`Orchestrator cluster "${choice.cluster}" is not connected`, clusters);
      return target;
    }
    if (choice.defaultCluster) {
      const target = live.find((candidate) => clusterOf(candidate) === choice.defaultCluster);
      if (target) return target;
    }
    if (clusters.length === 0) {
      if (choice.whenNoneConnected === 'no_cluster') throw noCluster('No orchestrator is connected for this organization.', []);
      throw new DomainError('GATEWAY.ORCHESTRATOR_OFFLINE', 'Orchestrator offline');
    }
    if (clusters.length > 1) {
      // The CLI's contract (cli-contract §3.4): `error` is the machine word, `message` and `clusters` explain.
      throw new DomainError('GATEWAY.AMBIGUOUS_CLUSTER', 'ambiguous_cluster', {
        message: `Multiple orchestrators are connected; choose one of: ${clusters.join(', ')}`,
        clusters,
      });
    }
    return live[0]!;
  }
}
