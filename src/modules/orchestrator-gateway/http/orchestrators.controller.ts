import { Controller, Get, Param } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OrgMemberRoute } from '../../../shared/auth/route-access.js';

export interface OrchestratorCluster {
  readonly clusterName: string;
  readonly routingKeys: string[];
  readonly orchVersion: string | null;
  readonly connected: boolean;
  readonly lastHeartbeat: string | null;
  readonly connectionCount: number;
}

/** Look-back for clusters that disconnected: they stay listed, as not connected, for a day (if they ever registered). */
const RECENT_HOURS = 24;

@Controller('api/v1/orgs/:orgId/orchestrators')
export class OrchestratorsController {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * `kici orchestrators list|use` (cli-contract §3.3): one entry per cluster, its connections merged
   * (HA siblings share a cluster name); a connection that has not registered yet is listed by its id.
   */
  @OrgMemberRoute()
  @Get()
  async list(@Param('orgId') orgId: string): Promise<{ orchestrators: OrchestratorCluster[] }> {
    const rows = (await this.dataSource.query(
      `WITH recent AS (
         SELECT coalesce(cluster_name, connection_id::text) AS cluster, *
           FROM platform_connections
          WHERE org_id = $1
            AND (disconnected_at IS NULL OR (cluster_name IS NOT NULL AND disconnected_at > now() - ($2::int * interval '1 hour')))
       ), live_keys AS (
         SELECT cluster, jsonb_agg(DISTINCT key ORDER BY key) AS keys
           FROM recent, jsonb_array_elements_text(recent.routing_keys) AS key
          WHERE disconnected_at IS NULL
          GROUP BY cluster
       )
       SELECT r.cluster AS "clusterName", coalesce(k.keys, '[]'::jsonb) AS "routingKeys", max(r.version) AS "orchVersion",
              bool_or(r.disconnected_at IS NULL) AS connected, max(r.last_heartbeat_at) AS "lastHeartbeat",
              count(*) FILTER (WHERE r.disconnected_at IS NULL)::int AS "connectionCount"
         FROM recent r LEFT JOIN live_keys k ON k.cluster = r.cluster
        GROUP BY r.cluster, k.keys
        ORDER BY 1`,
      [orgId, RECENT_HOURS],
    )) as (Omit<OrchestratorCluster, 'lastHeartbeat'> & { lastHeartbeat: Date | null })[];
    return { orchestrators: rows.map((row) => ({ ...row, lastHeartbeat: row.lastHeartbeat?.toISOString() ?? null })) };
  }
}
