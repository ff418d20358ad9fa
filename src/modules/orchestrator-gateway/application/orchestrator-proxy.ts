import { currentRequestContext } from '../../../shared/http/request-context.js';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config.js';
import { PgNotifications } from '../../../shared/database/pg-notifications.js';
import { DomainError } from '../../../shared/errors/domain-error.js';
import { uuidv7 } from '../../../shared/ids/uuid-v7.js';
import { operationDisabledDetails, WRITE_OPERATIONS_BY_REQUEST } from '../protocol/dashboard-write-operations.js';
import type { WireActor } from '../protocol/wire-actor.js';
import { type ClusterChoice, ConnectionSelector, type ConnectionTarget } from './connection-selector.js';
import { GatewayMetrics } from './gateway-metrics.js';
import type { OrchestratorSession } from './orchestrator-session.js';
import { RemoteCandidates } from './remote-candidates.js';
import { ReplicaDepartures } from './replica-departures.js';
import { SessionRegistry } from './session-registry.js';
import { toHttpOutcome } from './proxy-response.js';

const REQUEST_CHANNEL = 'kici_proxy_request';
const RESPONSE_CHANNEL = 'kici_proxy_response';
/** NOTIFY payloads are limited to 8000 bytes; larger frames travel in `proxy_messages` rows. */
const INLINE_LIMIT = 7000;

type Frame = { type: string; requestId: string } & Record<string, unknown>;

interface Pending {
  readonly connectionId: string;
  readonly replicaId: string;
  /** The session here it was sent to, whose in-flight count it adds to. */
  session?: OrchestratorSession;
  readonly resolve: (frame: Frame) => void;
  readonly reject: (error: DomainError) => void;
  readonly timer: NodeJS.Timeout;
}

/** What a replica asks the replica holding the socket to do, and the answer it gets back. */
interface RelayedRequest {
  readonly replicaId: string;
  readonly from: string;
  readonly connectionId: string;
  readonly frame?: Frame;
  readonly stored?: string;
}
interface RelayedResponse {
  readonly replicaId: string;
  readonly requestId: string;
  readonly frame?: Frame;
  readonly stored?: string;
  readonly failure?: 'offline';
}

/**
 * Dashboard REST-over-WS (orchestrator-protocol §2.9): sends a typed request, stamped with the caller's
 * actor and a fresh `requestId`, to a chosen orchestrator connection and waits for the answer with that
 * `requestId` from that same connection. A connection held by another replica is reached through
 * PostgreSQL NOTIFY, both ways. 10 s without an answer → 504; the connection gone → 503; a request type
 * the orchestrator does not list in its capabilities → 501, and a write its policy disables → 403
 * `operation_disabled`, both without sending.
 */
@Injectable()
export class OrchestratorProxy implements OnApplicationBootstrap {
  private readonly logger = new Logger('OrchestratorProxy');
  private readonly pending = new Map<string, Pending>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly selector: ConnectionSelector,
    private readonly registry: SessionRegistry,
    private readonly notifications: PgNotifications,
    private readonly dataSource: DataSource,
    private readonly metrics: GatewayMetrics,
    private readonly departures: ReplicaDepartures,
    private readonly remote: RemoteCandidates,
  ) {
    departures.onLeaving((replicaId) => {
      for (const [requestId, pending] of this.pending) if (pending.replicaId === replicaId) this.settle(requestId)?.reject(offline());
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.notifications.listen(REQUEST_CHANNEL, (payload) => void this.onRelayedRequest(payload));
    await this.notifications.listen(RESPONSE_CHANNEL, (payload) => void this.onRelayedResponse(payload));
  }

  /** Sends `type` with `fields` and resolves with the orchestrator's answer, mapped to an HTTP outcome. */
  async request(orgId: string, actor: WireActor, type: string, fields: Record<string, unknown>, choice: ClusterChoice = {}): Promise<Record<string, unknown>> {
    // A per-orchestrator URL names the cluster unless the request already targets one (a run's cluster).
    const scopedCluster = currentRequestContext()?.cluster ?? null;
    const target = await this.selector.select(orgId, scopedCluster && !choice.cluster && !choice.connectionId && !choice.recordedCluster ? { ...choice, cluster: scopedCluster } : choice);
    const supported = target.capabilities.supportedDashboardRequests;
    if (Array.isArray(supported) && !supported.includes(type)) {
      throw new DomainError('GATEWAY.UNSUPPORTED_REQUEST', `The orchestrator (version ${target.version ?? 'unknown'}) does not support ${type}; upgrade it`, {
        orchVersion: target.version,
        requestType: type,
      });
    }
    const write = WRITE_OPERATIONS_BY_REQUEST.get(type);
    if (write && target.capabilities.dashboardWrites?.[write.operation] === false) {
      // The orchestrator would refuse it too (its Layer 3); answering here saves the round trip.
      throw new DomainError('GATEWAY.OPERATION_DISABLED', 'operation_disabled', operationDisabledDetails(write));
    }
    const frame: Frame = { ...fields, type, requestId: uuidv7(), actor };
    const startedAt = performance.now();
    try {
      const answer = await this.exchange(target, frame);
      this.metrics.proxied('ok', (performance.now() - startedAt) / 1000);
      return toHttpOutcome(answer);
    } catch (error) {
      this.metrics.proxied(error instanceof DomainError ? error.code : 'error', (performance.now() - startedAt) / 1000);
      // The other replica no longer has that session: what this replica knows of the org is out of date.
      if (error instanceof DomainError && error.code === 'GATEWAY.ORCHESTRATOR_OFFLINE' && target.replicaId !== this.config.instanceId) this.remote.forget(orgId);
      throw error;
    }
  }

  /** A frame from an orchestrator carrying a `requestId`: the answer to a pending request, if it came from the right connection. */
  deliver(session: OrchestratorSession, frame: Frame): void {
    const pending = this.pending.get(frame.requestId);
    if (!pending || pending.connectionId !== session.connectionId) return;
    this.settle(frame.requestId)?.resolve(frame);
  }

  /** The socket went away: its pending requests fail now rather than at the timeout. */
  connectionLost(session: OrchestratorSession): void {
    for (const [requestId, pending] of this.pending) {
      if (pending.connectionId === session.connectionId) this.settle(requestId)?.reject(offline());
    }
  }

  private exchange(target: ConnectionTarget, frame: Frame): Promise<Frame> {
    return new Promise<Frame>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.settle(frame.requestId)?.reject(new DomainError('GATEWAY.ORCHESTRATOR_TIMEOUT', 'Orchestrator timed out'));
      }, this.config.gateway.proxyTimeoutMs);
      timer.unref();
      const pending: Pending = { connectionId: target.connectionId, replicaId: target.replicaId, resolve, reject, timer };
      this.pending.set(frame.requestId, pending);
      if (this.departures.isLeaving(target.replicaId)) return this.settle(frame.requestId)?.reject(offline());
      if (target.replicaId === this.config.instanceId) {
        const session = this.registry.get(target.connectionId);
        if (!session?.authenticated) return this.settle(frame.requestId)?.reject(offline());
        pending.session = session;
        session.inFlight += 1;
        session.send(frame);
      } else {
        void this.relay(REQUEST_CHANNEL, { replicaId: target.replicaId, from: this.config.instanceId, connectionId: target.connectionId }, frame).catch(() =>
          this.settle(frame.requestId)?.reject(offline()),
        );
      }
    });
  }

  private settle(requestId: string): Pending | undefined {
    const pending = this.pending.get(requestId);
    if (!pending) return undefined;
    clearTimeout(pending.timer);
    this.pending.delete(requestId);
    if (pending.session) pending.session.inFlight -= 1;
    return pending;
  }

  /** On the replica holding the socket: forward, wait for the answer here, send it back. */
  private async onRelayedRequest(payload: string): Promise<void> {
    const message = JSON.parse(payload) as RelayedRequest;
    if (message.replicaId !== this.config.instanceId) return;
    const frame = message.frame ?? (await this.takeStored<Frame>(message.stored!));
    const session = this.registry.get(message.connectionId);
    const reply = (answer: Partial<RelayedResponse>, body?: Frame): Promise<void> =>
      this.relay(RESPONSE_CHANNEL, { replicaId: message.from, requestId: frame.requestId, ...answer }, body);
    if (!session?.authenticated) return reply({ failure: 'offline' });
    try {
      await reply({}, await this.exchange({ connectionId: session.connectionId, replicaId: this.config.instanceId } as ConnectionTarget, frame));
    } catch (error) {
      // A timeout here is reported by the asking replica's own timer.
      if (error instanceof DomainError && error.code === 'GATEWAY.ORCHESTRATOR_OFFLINE') await reply({ failure: 'offline' });
    }
  }

  private async onRelayedResponse(payload: string): Promise<void> {
    const message = JSON.parse(payload) as RelayedResponse;
    if (message.replicaId !== this.config.instanceId || !this.pending.has(message.requestId)) return;
    if (message.failure) return void this.settle(message.requestId)?.reject(offline());
    const frame = message.frame ?? (await this.takeStored<Frame>(message.stored!));
    this.settle(message.requestId)?.resolve(frame);
  }

  private async relay(channel: string, envelope: Record<string, unknown>, frame?: Frame): Promise<void> {
    const inline = JSON.stringify({ ...envelope, frame });
    if (Buffer.byteLength(inline) <= INLINE_LIMIT) return this.notifications.notify(channel, inline);
    const id = uuidv7();
    await this.dataSource.query('INSERT INTO proxy_messages (id, payload, created_at) VALUES ($1, $2, now())', [id, JSON.stringify(frame)]);
    await this.notifications.notify(channel, JSON.stringify({ ...envelope, stored: id }));
  }

  private async takeStored<T>(id: string): Promise<T> {
    const [row] = (await this.dataSource.query('DELETE FROM proxy_messages WHERE id = $1 RETURNING payload', [id])) as [{ payload: T }[], number];
    const rows = Array.isArray(row) ? row : [row];
    return (rows[0] as { payload: T }).payload;
  }
}

function offline(): DomainError {
  return new DomainError('GATEWAY.ORCHESTRATOR_OFFLINE', 'Orchestrator offline');
}
