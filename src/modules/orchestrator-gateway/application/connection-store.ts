import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config.js';
import { PlatformConnectionEntity } from '../infrastructure/platform-connection.entity.js';
import { WebhookSourceEntity } from '../infrastructure/webhook-source.entity.js';
import type { OrchestratorSession } from './orchestrator-session.js';
import { CLUSTER_NAME, type RegisteredSource, type SourceRegister } from '../protocol/inbound-frames.js';

/**
 * The durable side of orchestrator sessions: `platform_connections` rows every replica can read (for
 * routing, listings and diagnostics) and the `webhook_sources` orchestrators registered.
 */
@Injectable()
export class ConnectionStore {
  private readonly closing = new Map<string, Date | null>();
  private closeFlush: Promise<void> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get replicaId(): string {
    return this.config.instanceId;
  }

  async opened(session: OrchestratorSession, capabilities: Record<string, unknown>): Promise<void> {
    const now = new Date();
    await this.dataSource.getRepository(PlatformConnectionEntity).insert({
      connectionId: session.connectionId,
      orgId: session.orgId!,
      keyId: session.keyId!,
      replicaId: this.replicaId,
      capabilities,
      routingKeys: [],
      details: {},
      connectedAt: now,
      lastHeartbeatAt: null,
      replicaSeenAt: now,
      disconnectedAt: null,
      clusterName: null,
      clusterId: null,
      instanceId: null,
      version: null,
      mode: null,
      address: null,
    } as never);
  }

  /** Records what a `source.register` says and upserts the accepted sources of the organization. */
  async registered(session: OrchestratorSession, frame: SourceRegister, accepted: readonly RegisteredSource[]): Promise<void> {
    const now = new Date();
    await this.dataSource.transaction(async (manager) => {
      // A later register may carry only a diff of sources: what it leaves out about the orchestrator stays as it was.
      const said = (fields: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
      await manager.update(PlatformConnectionEntity, { connectionId: session.connectionId }, {
        routingKeys: [...session.routingKeys],
        clusterName: session.clusterName && CLUSTER_NAME.test(session.clusterName) ? session.clusterName : null,
        ...said({ clusterId: frame.clusterId, instanceId: frame.instanceId, version: frame.version, mode: frame.mode, address: frame.address }),
      } as never);
      const details = said({ scalerBackends: frame.scalerBackends, deployment: frame.deployment, s3LogAccess: frame.s3LogAccess, queueTimeoutMs: frame.queueTimeoutMs });
      if (Object.keys(details).length > 0) {
        await manager.query('UPDATE platform_connections SET details = details || $2::jsonb WHERE connection_id = $1', [session.connectionId, JSON.stringify(details)]);
      }
      if (accepted.length > 0) {
        await manager
          .createQueryBuilder()
          .insert()
          .into(WebhookSourceEntity)
          .values(
            accepted.map((source) => ({
              orgId: session.orgId!,
              routingKey: source.routingKey,
              provider: source.provider,
              name: source.name,
              subtype: source.subtype,
              slug: source.slug ?? null,
              registeredAt: now,
              updatedAt: now,
            })),
          )
          .orUpdate(['provider', 'name', 'subtype', 'slug', 'updated_at'], ['org_id', 'routing_key'])
          .execute();
      }
    });
  }

  async routingKeysChanged(session: OrchestratorSession): Promise<void> {
    await this.dataSource.getRepository(PlatformConnectionEntity).update({ connectionId: session.connectionId }, { routingKeys: [...session.routingKeys] } as never);
  }

  async capabilitiesChanged(session: OrchestratorSession, capabilities: Record<string, unknown>): Promise<void> {
    await this.dataSource.getRepository(PlatformConnectionEntity).update({ connectionId: session.connectionId }, { capabilities } as never);
  }

  /**
   * Marks a session disconnected. Closes are batched (one statement per tick): a replica going away, or a
   * revoked key, can end thousands of sessions at once.
   */
  closed(session: OrchestratorSession): Promise<void> {
    this.closing.set(session.connectionId, session.lastHeartbeatAt ? new Date(session.lastHeartbeatAt) : null);
    this.closeFlush ??= new Promise<void>((resolve) => setTimeout(resolve, 20)).then(() => this.flushClosed());
    return this.closeFlush;
  }

  private async flushClosed(): Promise<void> {
    const batch = [...this.closing];
    this.closing.clear();
    this.closeFlush = null;
    // Shutting down: the database is gone; the reaper on a live replica marks these rows instead.
    if (!this.dataSource.isInitialized) return;
    await this.dataSource.query(
      `UPDATE platform_connections c
          SET disconnected_at = now(), last_heartbeat_at = coalesce(s.heartbeat, c.last_heartbeat_at)
         FROM unnest($1::uuid[], $2::timestamptz[]) AS s(id, heartbeat)
        WHERE c.connection_id = s.id`,
      [batch.map(([id]) => id), batch.map(([, heartbeat]) => heartbeat)],
    );
  }

  /** One statement for all live sessions of this replica: they are still here, and their last heartbeats. */
  async touch(sessions: readonly OrchestratorSession[]): Promise<void> {
    if (sessions.length === 0) return;
    await this.dataSource.query(
      `UPDATE platform_connections c
          SET replica_seen_at = now(), last_heartbeat_at = s.heartbeat
         FROM unnest($1::uuid[], $2::timestamptz[]) AS s(id, heartbeat)
        WHERE c.connection_id = s.id`,
      [sessions.map((session) => session.connectionId), sessions.map((session) => (session.lastHeartbeatAt ? new Date(session.lastHeartbeatAt) : null))],
    );
  }

  /** Marks disconnected the sessions of replicas that stopped vouching for them (crashed or cut off). */
  async reapStale(olderThanMs: number): Promise<number> {
    const rows = (await this.dataSource.query(
      `UPDATE platform_connections SET disconnected_at = now()
        WHERE disconnected_at IS NULL AND replica_seen_at < now() - ($1::int * interval '1 millisecond')
        RETURNING connection_id`,
      [olderThanMs],
    )) as [unknown[], number] | unknown[];
    return Array.isArray(rows[0]) ? (rows[0] as unknown[]).length : rows.length;
  }
}
