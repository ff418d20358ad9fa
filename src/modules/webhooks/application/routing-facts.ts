import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessCache } from '../../../shared/auth/access-cache.js';
import type { RelayTarget } from '../../orchestrator-gateway/index.js';
import { OrgKeyedCache } from '../../../shared/cache/org-keyed-cache.js';

/** What routing a delivery needs to know. */
export interface RoutingFacts {
  /** null: no such organization. */
  readonly org: { readonly disabled: boolean } | null;
  /** Some orchestrator of the organization registered the key at some point. */
  readonly sourceKnown: boolean;
  /** Live connections that registered the key now. */
  readonly candidates: readonly RelayTarget[];
}

interface Routes {
  readonly known: boolean;
  readonly candidates: readonly RelayTarget[];
}

/**
 * Longest a routing key's candidates are trusted without news. Every change that moves them (a registration,
 * a deregistration, a connection ending, on any replica) forgets the organization's entries at once through
 * `RoutingChanges`, and everything is forgotten when the listening connection comes back after a loss; the
 * TTL is only a backstop.
 */
const ROUTES_TTL_MS = 10_000;

/**
 * Routing facts of deliveries, kept in memory between deliveries instead of read per delivery:
 * - the organization (exists, disabled) in the access cache, which every organization change empties on
 *   every replica before that change is answered;
 * - per routing key, whether it was ever registered and its live candidates, until `forgetOrg`. Only known
 *   keys are kept: unknown ones are the negative cache's business, so made-up keys cannot fill this one.
 */
@Injectable()
export class RoutingFactsReader {
  private readonly routes = new OrgKeyedCache<Routes>(ROUTES_TTL_MS);

  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessCache,
  ) {}

  async read(orgId: string, routingKey: string): Promise<RoutingFacts> {
    const org = await this.access.remember(`webhook-org:${orgId}`, () => this.readOrg(orgId));
    if (!org || org.disabled) return { org, sourceKnown: false, candidates: [] };
    const routes = await this.routes.get(orgId, routingKey, () => this.readRoutes(orgId, routingKey), (found) => found.known || found.candidates.length > 0);
    return { org, sourceKnown: routes.known || routes.candidates.length > 0, candidates: routes.candidates };
  }

  /** The organization's registrations or connections changed: its routes are read afresh. */
  forgetOrg(orgId: string): void {
    this.routes.forgetOrg(orgId);
  }

  forgetAll(): void {
    this.routes.forgetAll();
  }

  private async readOrg(orgId: string): Promise<{ disabled: boolean } | null> {
    const [row] = (await this.dataSource.query('SELECT disabled_at IS NOT NULL AS disabled FROM orgs WHERE id = $1', [orgId])) as { disabled: boolean }[];
    return row ? { disabled: row.disabled } : null;
  }

  private async readRoutes(orgId: string, routingKey: string): Promise<Routes> {
    const [row] = (await this.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM webhook_sources s WHERE s.org_id = $1 AND s.routing_key = $2) AS known,
              (SELECT coalesce(json_agg(json_build_object('connectionId', c.connection_id, 'replicaId', c.replica_id) ORDER BY c.connected_at), '[]'::json)
                 FROM platform_connections c
                WHERE c.org_id = $1 AND c.disconnected_at IS NULL AND c.routing_keys ? $2) AS candidates`,
      [orgId, routingKey],
    )) as Routes[];
    return row!;
  }
}
