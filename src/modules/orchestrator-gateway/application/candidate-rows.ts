import type { DataSource } from 'typeorm';
import type { ConnectionTarget } from './connection-selector.js';

/** A live session as `platform_connections` records it, one per cluster. */
export interface CandidateRow extends ConnectionTarget {
  /** Has sent its first `source.register` (until then it has not said which cluster it is). */
  readonly registered: boolean;
}

/**
 * One live session per cluster of the organization (HA siblings collapsed; a session without a cluster
 * name is its own cluster): one on replica `preferReplica` if there is one (no hop), else the most
 * recently heard-from. `onlyOthers` leaves that replica's sessions out altogether (it knows its own).
 * The choice sorts narrow rows only; capabilities (jsonb) are read for the chosen ones.
 */
export async function readCandidateRows(dataSource: DataSource, orgId: string, replicaId: string, { onlyOthers = false } = {}): Promise<CandidateRow[]> {
  return (await dataSource.query(
    `SELECT chosen.*, c.capabilities
       FROM (SELECT DISTINCT ON (coalesce(cluster_name, connection_id::text))
                    connection_id AS "connectionId", replica_id AS "replicaId", cluster_name AS "clusterName", version,
                    registered_at IS NOT NULL AS registered
               FROM platform_connections
              WHERE org_id = $1 AND disconnected_at IS NULL ${onlyOthers ? 'AND replica_id <> $2' : ''}
              ORDER BY coalesce(cluster_name, connection_id::text), (replica_id = $2) DESC, last_heartbeat_at DESC NULLS LAST, connected_at DESC) chosen
       JOIN platform_connections c ON c.connection_id = chosen."connectionId"`,
    [orgId, replicaId],
  )) as CandidateRow[];
}
