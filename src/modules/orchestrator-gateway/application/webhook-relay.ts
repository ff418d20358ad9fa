import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config.js';
import { PgNotifications } from '../../../shared/database/pg-notifications.js';
import { uuidv7 } from '../../../shared/ids/uuid-v7.js';
import { type RelayEnvelope, relayFrames, type WebhookAck, type WebhookAckResult } from '../protocol/webhook-relay-frames.js';
import { GatewayMetrics } from './gateway-metrics.js';
import type { OrchestratorSession } from './orchestrator-session.js';
import { ReplicaDepartures } from './replica-departures.js';
import { SessionRegistry } from './session-registry.js';

/** How one relay attempt to one connection ended. */
export type RelayOutcome =
  | { readonly kind: 'ack'; readonly result: WebhookAckResult; readonly reason: string | null }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'offline' };

/** A live connection that registered the routing key, wherever it is held. */
export interface RelayTarget {
  readonly connectionId: string;
  readonly replicaId: string;
}

const REQUEST_CHANNEL = 'kici_webhook_relay';
const RESULT_CHANNEL = 'kici_webhook_relay_result';
/** Bodies up to this size ride inside the NOTIFY payload (8000 bytes max, base64 grows by a third). */
const INLINE_BODY_LIMIT = 4096;
/**
 * Relay frames go out uncompressed. Large frames `ws` compresses one at a time on the thread pool, holding
 * every later frame of that socket until each is done, so with deflate every relay waited its turn behind
 * all the others on the connection and a 10 MiB body spent most of its time in zlib; small frames are
 * compressed in line now (`inline-frame-deflate.ts`), but still at ≈ 15 µs of CPU per KiB on the relay's
 * hot path. The price is bandwidth: deflate would shrink the base64 chunks of a typical JSON payload about
 * 3× (a few KiB per webhook), and nothing for bodies that do not compress.
 */
const RELAY_SEND = { compress: false, highWaterBytes: 1024 * 1024 } as const;

interface Waiter {
  readonly connectionId: string;
  readonly settle: (outcome: RelayOutcome) => void;
}

interface RemoteRequest {
  readonly replicaId: string;
  readonly from: string;
  readonly relayId: string;
  readonly connectionId: string;
  readonly budgetMs: number;
  readonly envelope: RelayEnvelope;
  readonly body?: string;
  readonly stored?: string;
}

interface RemoteResult {
  readonly replicaId: string;
  readonly relayId: string;
  readonly outcome: RelayOutcome;
}

/**
 * The chunked webhook relay (orchestrator-protocol §2.6): one attempt sends `webhook.relay.start` and the
 * body's chunks to one connection under a fresh `messageId`, then waits for that connection's
 * `webhook.ack` within the budget. A connection held by another replica is reached through NOTIFY; the
 * body travels in a `webhook_relay_bodies` row when it is too big for the notification.
 */
@Injectable()
export class WebhookRelay implements OnApplicationBootstrap {
  private readonly waiters = new Map<string, Waiter>();
  private readonly remote = new Map<string, { readonly replicaId: string; readonly finish: (outcome: RelayOutcome) => void }>();
  private readonly inFlight = new Map<string, number>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly registry: SessionRegistry,
    private readonly notifications: PgNotifications,
    private readonly dataSource: DataSource,
    private readonly metrics: GatewayMetrics,
    private readonly departures: ReplicaDepartures,
  ) {
    departures.onLeaving((replicaId) => {
      for (const relay of [...this.remote.values()]) if (relay.replicaId === replicaId) relay.finish({ kind: 'offline' });
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.notifications.listen(REQUEST_CHANNEL, (payload) => void this.onRemoteRequest(payload));
    await this.notifications.listen(RESULT_CHANNEL, (payload) => this.onRemoteResult(payload));
  }

  /** Relays currently waiting on a connection of this replica (the "load" candidates are ordered by). */
  load(connectionId: string): number {
    return this.inFlight.get(connectionId) ?? 0;
  }

  relay(target: RelayTarget, envelope: RelayEnvelope, body: Buffer, budgetMs: number): Promise<RelayOutcome> {
    return target.replicaId === this.config.instanceId ? this.relayHere(target.connectionId, envelope, body, budgetMs) : this.relayThere(target, envelope, body, budgetMs);
  }

  /** A `webhook.ack` from an orchestrator: counts only from the connection the relay went to. */
  acknowledged(session: OrchestratorSession, ack: WebhookAck): void {
    const waiter = this.waiters.get(ack.messageId);
    if (!waiter || waiter.connectionId !== session.connectionId) return;
    // This orchestrator version always sends `result`; an ack without one can only mean it took the bytes.
    waiter.settle({ kind: 'ack', result: ack.result ?? 'accepted', reason: ack.reason ?? null });
  }

  /** The socket went away: relays waiting on it fail now, so the next candidate gets its turn at once. */
  connectionLost(session: OrchestratorSession): void {
    for (const waiter of [...this.waiters.values()]) if (waiter.connectionId === session.connectionId) waiter.settle({ kind: 'offline' });
  }

  private relayHere(connectionId: string, envelope: RelayEnvelope, body: Buffer, budgetMs: number): Promise<RelayOutcome> {
    const session = this.registry.get(connectionId);
    if (!session?.authenticated) return Promise.resolve({ kind: 'offline' });
    const messageId = uuidv7();
    this.inFlight.set(connectionId, this.load(connectionId) + 1);
    return new Promise<RelayOutcome>((resolve) => {
      const timer = setTimeout(() => settle({ kind: 'timeout' }), budgetMs);
      timer.unref();
      const settle = (outcome: RelayOutcome): void => {
        if (!this.waiters.delete(messageId)) return;
        clearTimeout(timer);
        const left = this.load(connectionId) - 1;
        if (left > 0) this.inFlight.set(connectionId, left);
        else this.inFlight.delete(connectionId);
        resolve(outcome);
      };
      this.waiters.set(messageId, { connectionId, settle });
      // A send that fails leaves the waiter to the socket's close or the budget.
      session.sendPaced(relayFrames(messageId, envelope, body), RELAY_SEND).catch(() => undefined);
      this.metrics.frameSent('webhook.relay.start');
    });
  }

  private async relayThere(target: RelayTarget, envelope: RelayEnvelope, body: Buffer, budgetMs: number): Promise<RelayOutcome> {
    if (this.departures.isLeaving(target.replicaId)) return { kind: 'offline' };
    const relayId = uuidv7();
    const outcome = new Promise<RelayOutcome>((resolve) => {
      const timer = setTimeout(() => finish({ kind: 'timeout' }), budgetMs);
      timer.unref();
      const finish = (result: RelayOutcome): void => {
        if (!this.remote.delete(relayId)) return;
        clearTimeout(timer);
        resolve(result);
      };
      this.remote.set(relayId, { replicaId: target.replicaId, finish });
    });
    const request: RemoteRequest = { replicaId: target.replicaId, from: this.config.instanceId, relayId, connectionId: target.connectionId, budgetMs, envelope };
    const inline = JSON.stringify({ ...request, body: body.toString('base64') });
    const stored = body.length > INLINE_BODY_LIMIT || Buffer.byteLength(inline) >= 7900;
    try {
      if (stored) {
        await this.dataSource.query('INSERT INTO webhook_relay_bodies (id, body, created_at) VALUES ($1, $2, now())', [relayId, body]);
        await this.notifications.notify(REQUEST_CHANNEL, JSON.stringify({ ...request, stored: relayId }));
      } else {
        await this.notifications.notify(REQUEST_CHANNEL, inline);
      }
    } catch {
      this.remote.get(relayId)?.finish({ kind: 'offline' });
    }
    const result = await outcome;
    // The holder never took the body (it is gone, or too slow): do not leave the bytes behind.
    if (stored && result.kind !== 'ack') await this.dataSource.query('DELETE FROM webhook_relay_bodies WHERE id = $1', [relayId]).catch(() => undefined);
    return result;
  }

  /** On the replica holding the socket: relay here, report back. */
  private async onRemoteRequest(payload: string): Promise<void> {
    const request = JSON.parse(payload) as RemoteRequest;
    if (request.replicaId !== this.config.instanceId) return;
    const body = request.stored ? await this.takeStoredBody(request.stored) : Buffer.from(request.body ?? '', 'base64');
    const outcome: RelayOutcome = body ? await this.relayHere(request.connectionId, request.envelope, body, request.budgetMs) : { kind: 'offline' };
    const result: RemoteResult = { replicaId: request.from, relayId: request.relayId, outcome };
    await this.notifications.notify(RESULT_CHANNEL, JSON.stringify(result));
  }

  private onRemoteResult(payload: string): void {
    const result = JSON.parse(payload) as RemoteResult;
    if (result.replicaId !== this.config.instanceId) return;
    this.remote.get(result.relayId)?.finish(result.outcome);
  }

  private async takeStoredBody(id: string): Promise<Buffer | null> {
    const result = (await this.dataSource.query('DELETE FROM webhook_relay_bodies WHERE id = $1 RETURNING body', [id])) as unknown[];
    const rows = (Array.isArray(result[0]) ? result[0] : result) as { body: Buffer }[];
    return rows[0]?.body ?? null;
  }
}
