import { type BeforeApplicationShutdown, Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config.js';
import type { Actor } from '../../../shared/auth/actor.js';
import { UnitOfWork } from '../../../shared/cqrs/unit-of-work.js';
import { ConnectionChanges } from './connection-changes.js';
import { ReplicaDepartures } from './replica-departures.js';
import { PlatformConnectionEntity } from '../infrastructure/platform-connection.entity.js';
import { WebhookSourceEntity } from '../infrastructure/webhook-source.entity.js';
import { OrchestratorConnectionEvent } from './orchestrator-connection.event.js';
import type { OrchestratorSession } from './orchestrator-session.js';
import { type RegisteredSource, type SourceRegister } from '../protocol/inbound-frames.js';

interface EndedConnection {
  readonly connection_id: string;
  readonly org_id: string;
  readonly key_id: string | null;
  readonly cluster_name: string | null;
}

/** Rows per `touch` statement. */
const TOUCH_BATCH = 1000;

const orchestratorActor = (connectionId: string, clusterName: string | null): Actor => ({ type: 'orchestrator', id: connectionId, display: clusterName });

/**
 * The durable side of orchestrator sessions: `platform_connections` rows every replica can read (for
 * routing, listings and diagnostics) and the `webhook_sources` orchestrators registered.
 */
@Injectable()
export class ConnectionStore implements BeforeApplicationShutdown {
  private readonly closing = new Map<string, Date | null>();
  private closeFlush: Promise<void> | null = null;
  /** Shutting down: every session of this replica was ended in one statement; closes after that are not written. */
  private stopping = false;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly uow: UnitOfWork,
    private readonly departures: ReplicaDepartures,
    private readonly changes: ConnectionChanges,
  ) {}

  get replicaId(): string {
    return this.config.instanceId;
  }

  /** Records a new session; `orchestrator.connected` is raised in the same transaction. */
  async opened(session: OrchestratorSession, capabilities: Record<string, unknown>): Promise<void> {
    const now = new Date();
    session.vouchedAt = now.getTime();
    await this.uow.run(async (manager) => {
      await this.insertConnection(manager, session, capabilities, now);
      this.uow.raise(
        new OrchestratorConnectionEvent({ actor: orchestratorActor(session.connectionId, null), orgId: session.orgId! }, 'orchestrator.connected', session.connectionId, session.keyId ?? null, null),
      );
    });
    this.changes.announce(session.orgId!);
  }

  private async insertConnection(manager: EntityManager, session: OrchestratorSession, capabilities: Record<string, unknown>, now: Date): Promise<void> {
    await manager.getRepository(PlatformConnectionEntity).insert({
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
      registeredAt: null,
    } as never);
  }

  /** Records what a `source.register` says and upserts the accepted sources of the organization. */
  async registered(session: OrchestratorSession, frame: SourceRegister, accepted: readonly RegisteredSource[]): Promise<void> {
    const now = new Date();
    // A later register may carry only a diff of sources: what it leaves out about the orchestrator stays as it was.
    const said = (fields: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
    const details = said({ scalerBackends: frame.scalerBackends, deployment: frame.deployment, s3LogAccess: frame.s3LogAccess, queueTimeoutMs: frame.queueTimeoutMs });
    const write = async (manager: EntityManager): Promise<void> => {
      await manager.update(PlatformConnectionEntity, { connectionId: session.connectionId }, {
        routingKeys: [...session.routingKeys],
        registeredAt: () => 'coalesce(registered_at, now())',
        clusterName: session.recordedClusterName,
        ...said({ clusterId: frame.clusterId, instanceId: frame.instanceId, version: frame.version, mode: frame.mode, address: frame.address }),
      } as never);
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
    };
    // A register that only names the orchestrator is one statement: no transaction around it.
    if (accepted.length === 0 && Object.keys(details).length === 0) await write(this.dataSource.manager);
    else await this.dataSource.transaction(write);
    // Once acknowledged, the orchestrator's cluster is reachable through every replica.
    await this.changes.announceAndWait(session.orgId!);
  }

  async routingKeysChanged(session: OrchestratorSession): Promise<void> {
    await this.dataSource.getRepository(PlatformConnectionEntity).update({ connectionId: session.connectionId }, { routingKeys: [...session.routingKeys] } as never);
  }

  async capabilitiesChanged(session: OrchestratorSession, capabilities: Record<string, unknown>): Promise<void> {
    await this.dataSource.getRepository(PlatformConnectionEntity).update({ connectionId: session.connectionId }, { capabilities } as never);
    this.changes.announce(session.orgId!);
  }

  /**
   * Marks a session disconnected. Closes are batched (one statement per tick): a replica going away, or a
   * revoked key, can end thousands of sessions at once.
   */
  closed(session: OrchestratorSession): Promise<void> {
    // Its row was ended with all of this replica's, and the database may already be closing.
    if (this.stopping) return Promise.resolve();
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
    const ids = batch.map(([id]) => id);
    const ended = await this.uow.run(async (manager) => {
      // Sessions the reaper already marked ended were announced then; only the others end now.
      const ending = (await manager.query(
        `SELECT connection_id, org_id, key_id, cluster_name FROM platform_connections
          WHERE connection_id = ANY($1::uuid[]) AND disconnected_at IS NULL FOR UPDATE`,
        [ids],
      )) as EndedConnection[];
      await manager.query(
        `UPDATE platform_connections c
            SET disconnected_at = now(), last_heartbeat_at = coalesce(s.heartbeat, c.last_heartbeat_at)
           FROM unnest($1::uuid[], $2::timestamptz[]) AS s(id, heartbeat)
          WHERE c.connection_id = s.id`,
        [ids, batch.map(([, heartbeat]) => heartbeat)],
      );
      this.announceEnded(ending);
      return ending;
    });
    for (const orgId of new Set(ended.map((connection) => connection.org_id))) this.changes.announce(orgId);
  }

  private announceEnded(connections: readonly EndedConnection[]): void {
    for (const connection of connections) {
      this.uow.raise(
        new OrchestratorConnectionEvent(
          { actor: orchestratorActor(connection.connection_id, connection.cluster_name), orgId: connection.org_id },
          'orchestrator.disconnected',
          connection.connection_id,
          connection.key_id,
          connection.cluster_name,
        ),
      );
    }
  }

  /**
   * Sessions of this replica are still here, with their last heartbeats (epoch ms, 0 for none). Written
   * in statements of at most `TOUCH_BATCH` rows, one after another: one 10,000-row UPDATE kept PostgreSQL
   * busy for a quarter of a second, during which nothing else got an answer.
   */
  async touch(sessions: readonly OrchestratorSession[], heartbeats: readonly number[]): Promise<void> {
    for (let start = 0; start < sessions.length; start += TOUCH_BATCH) {
      await this.dataSource.query(
        `UPDATE platform_connections c
            SET replica_seen_at = now(), last_heartbeat_at = s.heartbeat
           FROM unnest($1::uuid[], $2::timestamptz[]) AS s(id, heartbeat)
          WHERE c.connection_id = s.id`,
        [
          sessions.slice(start, start + TOUCH_BATCH).map((session) => session.connectionId),
          heartbeats.slice(start, start + TOUCH_BATCH).map((heartbeat) => (heartbeat ? new Date(heartbeat) : null)),
        ],
      );
    }
  }

  /**
   * This replica is stopping: its sessions end now, before their sockets are closed and the database goes
   * away, so no other replica routes a request or a webhook to them while the orchestrators reconnect
   * elsewhere (otherwise the rows would look live until the reaper noticed).
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (!this.dataSource.isInitialized) return;
    // Closes batched just before the signal are written first (their last heartbeat with them).
    await this.closeFlush?.catch(() => undefined);
    await this.endWhere('replica_id = $1', [this.replicaId]).catch(() => undefined);
    await this.departures.announce().catch(() => undefined);
  }

  /** Marks disconnected the sessions of replicas that stopped vouching for them (crashed or cut off). */
  async reapStale(olderThanMs: number): Promise<number> {
    const reaped = await this.endWhere(`replica_seen_at < now() - ($1::int * interval '1 millisecond')`, [olderThanMs]);
    for (const orgId of new Set(reaped.map((connection) => connection.org_id))) this.changes.announce(orgId);
    return reaped.length;
  }

  /** Ends the live sessions matching `condition` in one statement and announces each, in one transaction. */
  private endWhere(condition: string, params: unknown[]): Promise<EndedConnection[]> {
    return this.uow.run(async (manager) => {
      const result = (await manager.query(
        `UPDATE platform_connections SET disconnected_at = now()
          WHERE disconnected_at IS NULL AND ${condition}
          RETURNING connection_id, org_id, key_id, cluster_name`,
        params,
      )) as [EndedConnection[], number] | EndedConnection[];
      const ended = (Array.isArray(result[0]) ? result[0] : result) as EndedConnection[];
      this.announceEnded(ended);
      return ended;
    });
  }

}
