import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config.js';
import { DomainError } from '../../../shared/errors/domain-error.js';
import { type CandidateRow, readCandidateRows } from './candidate-rows.js';
import { type CandidateView, chooseTarget, viewOfRows } from './cluster-choice.js';
import type { OrchestratorSession } from './orchestrator-session.js';
import { RemoteCandidates } from './remote-candidates.js';
import { SessionRegistry } from './session-registry.js';

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

/**
 * Picks the connection a request goes to by the rules of `chooseTarget`. HA siblings of a cluster are
 * interchangeable: one on this replica if there is one (no hop), the least-loaded of them; else the most
 * recently heard-from elsewhere.
 *
 * Routing reads memory, not the database, on every request: this replica's sessions from the session
 * registry, the other replicas' from `RemoteCandidates` (read once per organization, re-read when they
 * announce a change). Only when that view has no answer — nothing connected, the cluster asked for
 * missing, several clusters — does the database decide, so a refusal is never the fault of a stale view.
 */
@Injectable()
export class ConnectionSelector {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly registry: SessionRegistry,
    private readonly remote: RemoteCandidates,
  ) {}

  async select(orgId: string, choice: ClusterChoice = {}): Promise<ConnectionTarget> {
    if (choice.connectionId) return this.exact(orgId, choice.connectionId);
    // A cluster asked for by name with a sibling here needs nothing from other replicas.
    const named = choice.recordedCluster ?? choice.cluster ?? choice.defaultCluster;
    const sibling = named ? this.registry.candidates.pick(orgId, named) : undefined;
    if (sibling) return this.targetOf(sibling);

    const fromMemory = chooseTarget(this.memoryView(orgId, await this.remote.of(orgId)), choice);
    if (!(fromMemory instanceof DomainError)) return fromMemory;
    const fromDatabase = chooseTarget(viewOfRows(await readCandidateRows(this.dataSource, orgId, this.config.instanceId)), choice);
    if (fromDatabase instanceof DomainError) throw fromDatabase;
    return fromDatabase;
  }

  private async exact(orgId: string, connectionId: string): Promise<ConnectionTarget> {
    const session = this.registry.get(connectionId);
    if (session?.authenticated && session.orgId === orgId) return this.targetOf(session);
    const [exact] = (await this.dataSource.query(
      `SELECT connection_id AS "connectionId", replica_id AS "replicaId", cluster_name AS "clusterName", version, capabilities
         FROM platform_connections WHERE org_id = $1 AND connection_id::text = $2 AND disconnected_at IS NULL`,
      [orgId, connectionId],
    )) as ConnectionTarget[];
    if (!exact) throw new DomainError('GATEWAY.ORCHESTRATOR_OFFLINE', 'Orchestrator offline');
    return exact;
  }

  /** This replica's sessions and the cached view of the others', merged as `viewOfRows` merges rows. */
  private memoryView(orgId: string, remote: readonly CandidateRow[]): CandidateView {
    const local = this.registry.candidates;
    const localClusters = local.clusters(orgId);
    const remoteRegistered = remote.filter((row) => row.registered);
    if (localClusters.length === 0 && remoteRegistered.length === 0) {
      // Nobody has registered yet: each session is its own cluster, as in the database view.
      const unregistered = new Map<string, ConnectionTarget>(remote.map((row) => [row.connectionId, row]));
      for (const session of local.unregistered(orgId)) unregistered.set(session.connectionId, this.targetOf(session));
      return { clusters: [...unregistered.keys()], target: (cluster) => unregistered.get(cluster) };
    }
    const elsewhere = new Map(remoteRegistered.map((row) => [row.clusterName ?? row.connectionId, row]));
    return {
      clusters: [...new Set([...localClusters, ...elsewhere.keys()])],
      target: (cluster) => {
        const here = local.pick(orgId, cluster);
        return here ? this.targetOf(here) : elsewhere.get(cluster);
      },
    };
  }

  private targetOf(session: OrchestratorSession): ConnectionTarget {
    return {
      connectionId: session.connectionId,
      replicaId: this.config.instanceId,
      clusterName: session.recordedClusterName,
      version: session.version,
      capabilities: session.capabilities,
    };
  }
}
