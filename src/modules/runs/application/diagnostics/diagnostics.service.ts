import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '../../../../shared/errors/domain-error.js';
import { OrchestratorProxy, type WireActor } from '../../../orchestrator-gateway/index.js';

export interface DiagnosticsSummary {
  readonly connections: Record<string, unknown>[];
  readonly executionMetrics: { totalRuns: number; successRate: number; avgDurationSeconds: number; queuedJobs: number; runningJobs: number };
  readonly orphanedConnections: number;
}

export interface InfrastructureView {
  readonly orchestrators: Record<string, unknown>[];
  readonly alerts: { type: string; message: string; severity: 'info' | 'warning' | 'critical' }[];
  readonly latestVersion?: string;
}

interface LiveConnection {
  connectionId: string;
  clusterName: string | null;
  routingKeys: string[];
  version: string | null;
  details: { scalerBackends?: string[]; deployment?: { mode?: string; containerName?: string; containerRuntime?: string } | null };
  connectedAt: Date;
  lastHeartbeat: Date | null;
  replicaSeenAt: Date;
}

/** Connections whose replica stopped vouching for them this long ago count as orphaned. */
const ORPHAN_AFTER_MS = 90_000;
const DAY_MS = 86_400_000;
const DEPLOYMENT_MODES = new Set(['systemd', 'launchd', 'windows', 'compose', 'unknown']);

/**
 * `kici diagnostics` (cli-contract §3.7): a summary from the Platform's own connection and run data, and
 * the infrastructure view merging every connected orchestrator's `dashboard.diagnostics` answer.
 */
@Injectable()
export class DiagnosticsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly proxy: OrchestratorProxy,
  ) {}

  async summary(orgId: string): Promise<DiagnosticsSummary> {
    const connections = await this.live(orgId);
    const since = new Date(Date.now() - DAY_MS);
    const [metrics] = (await this.dataSource.query(
      `SELECT count(*)::int AS "totalRuns",
              count(*) FILTER (WHERE status = 'success')::int AS successes,
              count(*) FILTER (WHERE status IN ('success', 'failed', 'cancelled'))::int AS finished,
              coalesce(avg(duration_ms) FILTER (WHERE duration_ms IS NOT NULL), 0)::float8 AS "avgDurationMs"
         FROM runs WHERE org_id = $1 AND started_at >= $2`,
      [orgId, since],
    )) as { totalRuns: number; successes: number; finished: number; avgDurationMs: number }[];
    const [jobs] = (await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE j.status IN ('pending', 'queued'))::int AS queued, count(*) FILTER (WHERE j.status = 'running')::int AS running
         FROM run_jobs j JOIN runs r ON r.org_id = j.org_id AND r.run_id = j.run_id
        WHERE j.org_id = $1 AND r.started_at >= $2`,
      [orgId, since],
    )) as { queued: number; running: number }[];
    const orphaned = connections.filter((connection) => Date.now() - connection.replicaSeenAt.getTime() > ORPHAN_AFTER_MS).length;
    return {
      connections: connections.map((connection) => ({
        connectionId: connection.connectionId,
        clusterName: connection.clusterName,
        routingKeys: connection.routingKeys,
        version: connection.version,
        connectedAt: connection.connectedAt.getTime(),
        lastHeartbeat: connection.lastHeartbeat?.getTime() ?? null,
      })),
      executionMetrics: {
        totalRuns: metrics!.totalRuns,
        successRate: metrics!.finished === 0 ? 0 : metrics!.successes / metrics!.finished,
        avgDurationSeconds: Math.round(metrics!.avgDurationMs / 10) / 100,
        queuedJobs: jobs!.queued,
        runningJobs: jobs!.running,
      },
      orphanedConnections: orphaned,
    };
  }

  /** Asks every connected orchestrator at once; one that does not answer is listed with an alert, not an error. */
  async infrastructure(orgId: string, actor: WireActor): Promise<InfrastructureView> {
    const connections = await this.live(orgId);
    const alerts: InfrastructureView['alerts'] = [];
    const orchestrators = await Promise.all(
      connections.map(async (connection) => {
        const base = this.baseEntry(connection);
        try {
          const answer = await this.proxy.request(orgId, actor, 'dashboard.diagnostics', { includeAgents: true }, { connectionId: connection.connectionId });
          const orchestrator = (answer.orchestrator ?? {}) as Record<string, unknown>;
          return {
            ...orchestrator,
            ...base,
            agentCount: numberOr(orchestrator.agentCount, 0),
            runningJobs: numberOr(orchestrator.runningJobs, 0),
            queuedJobs: numberOr(orchestrator.queuedJobs, 0),
            statefulAgentCount: numberOr(orchestrator.statefulAgentCount, 0),
            pendingLabelGaps: Array.isArray(orchestrator.pendingLabelGaps) ? orchestrator.pendingLabelGaps : [],
            agents: Array.isArray(answer.agents) ? answer.agents : [],
            scalers: Array.isArray(answer.scalers) ? answer.scalers : [],
          };
        } catch (error) {
          const reason = error instanceof DomainError ? error.message : 'unknown error';
          alerts.push({ type: 'orchestrator_unreachable', message: `${connection.clusterName ?? connection.connectionId}: ${reason}`, severity: 'warning' });
          return { ...base, agentCount: 0, runningJobs: 0, queuedJobs: 0, statefulAgentCount: 0, pendingLabelGaps: [], agents: [], scalers: [] };
        }
      }),
    );
    if (connections.length === 0) alerts.push({ type: 'no_orchestrator', message: 'No orchestrator is connected for this organization.', severity: 'critical' });
    const versions = connections.map((connection) => connection.version).filter((version): version is string => Boolean(version));
    return { orchestrators, alerts, ...(versions.length > 0 ? { latestVersion: versions.sort(compareVersions).at(-1)! } : {}) };
  }

  private baseEntry(connection: LiveConnection): Record<string, unknown> {
    const deployment = connection.details.deployment ?? {};
    return {
      connectionId: connection.connectionId,
      clusterName: connection.clusterName,
      routingKeys: connection.routingKeys,
      connected: true,
      lastHeartbeat: connection.lastHeartbeat?.getTime() ?? null,
      scalerBackends: connection.details.scalerBackends ?? [],
      deployment: {
        mode: deployment.mode && DEPLOYMENT_MODES.has(deployment.mode) ? deployment.mode : 'unknown',
        containerName: deployment.containerName ?? null,
        containerRuntime: deployment.containerRuntime === 'podman' || deployment.containerRuntime === 'docker' ? deployment.containerRuntime : null,
      },
    };
  }

  private async live(orgId: string): Promise<LiveConnection[]> {
    return (await this.dataSource.query(
      `SELECT connection_id AS "connectionId", cluster_name AS "clusterName", routing_keys AS "routingKeys", version, details,
              connected_at AS "connectedAt", last_heartbeat_at AS "lastHeartbeat", replica_seen_at AS "replicaSeenAt"
         FROM platform_connections WHERE org_id = $1 AND disconnected_at IS NULL ORDER BY connected_at`,
      [orgId],
    )) as LiveConnection[];
  }
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

function compareVersions(a: string, b: string): number {
  const parts = (version: string): number[] => version.split(/[.-]/).map((part) => Number.parseInt(part, 10) || 0);
  const [left, right] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(left.length, right.length); i += 1) {
    if ((left[i] ?? 0) !== (right[i] ?? 0)) return (left[i] ?? 0) - (right[i] ?? 0);
  }
  return 0;
}
