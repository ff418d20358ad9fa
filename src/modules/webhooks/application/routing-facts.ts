import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { RelayTarget } from '../../orchestrator-gateway/index.js';

/** What routing a delivery needs to know, read in one round trip. */
export interface RoutingFacts {
  /** null: no such organization. */
  readonly org: { readonly disabled: boolean } | null;
  /** Some orchestrator of the organization registered the key at some point. */
  readonly sourceKnown: boolean;
  /** Live connections that registered the key now. */
  readonly candidates: readonly RelayTarget[];
  /** An earlier receipt of the same delivery id. */
  readonly previous: { readonly status: string; readonly requestId: string } | null;
}

interface Row {
  disabled: boolean;
  known: boolean;
  candidates: RelayTarget[];
  previous: { status: string; requestId: string } | null;
}

@Injectable()
export class RoutingFactsReader {
  constructor(private readonly dataSource: DataSource) {}

  async read(orgId: string, routingKey: string, deliveryId: string): Promise<RoutingFacts> {
    const rows = (await this.dataSource.query(
      `SELECT o.disabled_at IS NOT NULL AS disabled,
              EXISTS (SELECT 1 FROM webhook_sources s WHERE s.org_id = o.id AND s.routing_key = $2) AS known,
              (SELECT coalesce(json_agg(json_build_object('connectionId', c.connection_id, 'replicaId', c.replica_id) ORDER BY c.connected_at), '[]'::json)
                 FROM platform_connections c
                WHERE c.org_id = o.id AND c.disconnected_at IS NULL AND c.routing_keys ? $2) AS candidates,
              (SELECT json_build_object('status', e.status, 'requestId', e.request_id)
                 FROM event_log e WHERE e.org_id = o.id AND e.delivery_id = $3) AS previous
         FROM orgs o WHERE o.id = $1`,
      [orgId, routingKey, deliveryId],
    )) as Row[];
    const row = rows[0];
    if (!row) return { org: null, sourceKnown: false, candidates: [], previous: null };
    return { org: { disabled: row.disabled }, sourceKnown: row.known || row.candidates.length > 0, candidates: row.candidates, previous: row.previous };
  }
}
