import { Inject, Injectable, Logger } from '@nestjs/common';
import { EventBus, QueryBus } from '@nestjs/cqrs';
import picomatch from 'picomatch';
import type { RawData } from 'ws';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config.js';
import { AccessCache } from '../../../shared/auth/access-cache.js';
import { IssuerResolver } from '../../identity/index.js';
import { GetOrgQuery } from '../../orgs/index.js';
import { OrchestratorKeyAuthenticator } from '../../tokens/index.js';
import { CloseCode, MIN_PROTOCOL_VERSION } from '../protocol/close-codes.js';
import {
  authRequestSchema,
  capabilitiesUpdateSchema,
  frameType,
  heartbeatSchema,
  type RegisteredSource,
  sourceDeregisterSchema,
  sourceRegisterSchema,
} from '../protocol/inbound-frames.js';
import { ConnectionStore } from './connection-store.js';
import { FailedAuthThrottle } from './failed-auth-throttle.js';
import { GatewayMetrics } from './gateway-metrics.js';
import { OrchestratorProxy } from './orchestrator-proxy.js';
import { OrchestratorTelemetryEvent, TELEMETRY_TYPES } from './orchestrator-telemetry.event.js';
import type { OrchestratorSession } from './orchestrator-session.js';
import { webhookAckSchema } from '../protocol/webhook-relay-frames.js';
import { SessionRegistry } from './session-registry.js';
import { SourcesDeregisteredEvent } from './sources-deregistered.event.js';
import { SourcesRegisteredEvent } from './sources-registered.event.js';
import { TrustPolicyPush } from './trust-policy-push.js';
import { WebhookRelay } from './webhook-relay.js';

/**
 * The Platform side of the orchestrator protocol for one session (orchestrator-protocol.md §1–2): the
 * `auth.request` handshake, heartbeats, source registration and capabilities. Frames of a session are
 * handled one after another, in arrival order. A bad frame from an authenticated session is logged and
 * dropped, never answered by closing (§2.0).
 */
@Injectable()
export class SessionProtocol {
  private readonly logger = new Logger('OrchestratorGateway');
  private readonly queues = new WeakMap<OrchestratorSession, Promise<void>>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly keys: OrchestratorKeyAuthenticator,
    private readonly store: ConnectionStore,
    private readonly registry: SessionRegistry,
    private readonly throttle: FailedAuthThrottle,
    private readonly metrics: GatewayMetrics,
    private readonly queries: QueryBus,
    private readonly issuers: IssuerResolver,
    private readonly proxy: OrchestratorProxy,
    private readonly events: EventBus,
    private readonly trustPolicy: TrustPolicyPush,
    private readonly webhookRelay: WebhookRelay,
    private readonly cache: AccessCache,
  ) {}

  receive(session: OrchestratorSession, data: RawData, isBinary: boolean): void {
    const previous = this.queues.get(session) ?? Promise.resolve();
    const next = previous
      .then(() => this.handle(session, data, isBinary))
      .catch((error: unknown) => this.logger.error(error instanceof Error ? error : String(error)));
    this.queues.set(session, next);
  }

  private async handle(session: OrchestratorSession, data: RawData, isBinary: boolean): Promise<void> {
    if (session.state === 'closed') return;
    let frame: unknown;
    try {
      frame = isBinary ? undefined : JSON.parse(data.toString());
    } catch {
      frame = undefined;
    }
    const type = frameType(frame);
    this.metrics.frameReceived(type);
    if (session.state === 'awaiting-auth') return this.authenticate(session, frame);
    switch (type) {
      case 'heartbeat':
        if (heartbeatSchema.safeParse(frame).success) {
          session.lastHeartbeatAt = Date.now();
          session.unhealthy = false;
        }
        return;
      case 'source.register':
        return this.register(session, frame);
      case 'source.deregister':
        return this.deregister(session, frame);
      case 'orch.capabilities.update': {
        const parsed = capabilitiesUpdateSchema.safeParse(frame);
        if (!parsed.success) return;
        await this.store.capabilitiesChanged(session, parsed.data.capabilities);
        session.capabilities = parsed.data.capabilities;
        return;
      }
      case 'webhook.ack': {
        const ack = webhookAckSchema.safeParse(frame);
        if (ack.success) this.webhookRelay.acknowledged(session, ack.data);
        return;
      }
      case 'auth.request':
        this.logger.warn(`Ignoring a second auth.request on connection ${session.connectionId}`);
        return;
      default:
        if (type !== null && TELEMETRY_TYPES.has(type)) {
          const source = { orgId: session.orgId!, connectionId: session.connectionId, clusterName: session.clusterName, routingKeys: [...session.routingKeys] };
          this.events.publish(new OrchestratorTelemetryEvent(source, frame as { type: string }));
          return;
        }
        if (type !== null && typeof (frame as { requestId?: unknown }).requestId === 'string') {
          // Answers are matched to their request by requestId alone (response types vary, §2.9.1).
          this.proxy.deliver(session, frame as { type: string; requestId: string });
          return;
        }
        // Telemetry is handled by the features that need it; anything else is dropped.
        if (type === null) this.logger.debug(`Dropping a frame that is not a JSON object with a type (${session.connectionId})`);
    }
  }

  private async authenticate(session: OrchestratorSession, frame: unknown): Promise<void> {
    const request = authRequestSchema.safeParse(frame);
    if (!request.success) return this.reject(session, 'The first message must be auth.request', CloseCode.UNAUTHORIZED);
    if (request.data.protocolVersion < MIN_PROTOCOL_VERSION) {
      return this.reject(session, `Protocol version ${request.data.protocolVersion} is below the minimum ${MIN_PROTOCOL_VERSION}`, CloseCode.PROTOCOL_ERROR);
    }
    if (this.throttle.blocked(session.remoteAddress)) return this.reject(session, 'Too many failed authentications', CloseCode.UNAUTHORIZED);
    const key = await this.keys.authenticate(request.data.token);
    if (!key) {
      this.throttle.recordFailure(session.remoteAddress);
      return this.reject(session, 'Invalid or revoked orchestrator key', CloseCode.UNAUTHORIZED);
    }
    // Kept in the access cache (emptied on every replica by any change to an organization): a reconnect
    // storm is thousands of sessions of a handful of organizations.
    const org = await this.cache.remember(`gateway-org:${key.orgId}`, () => this.queries.execute(new GetOrgQuery(key.orgId)));
    if (org.disabledAt) return this.reject(session, 'The organization is disabled', CloseCode.UNAUTHORIZED);
    if (session.state !== 'awaiting-auth') return; // closed while we looked the key up

    session.state = 'authenticated';
    session.orgId = org.id;
    session.keyId = key.keyId;
    session.keyRoutingPatterns = key.routingPatterns;
    session.authenticatedAt = Date.now();
    session.capabilities = request.data.capabilities ?? {};
    await this.store.opened(session, session.capabilities);
    // Closed while the row was written: its close was handled already, so it must not be routed to.
    if (session.state !== 'authenticated') return;
    this.registry.add(session);
    this.metrics.sessionOutcome('authenticated');
    this.metrics.activeSessions(this.registry.size);
    this.send(session, { type: 'auth.success', connectionId: session.connectionId, orgId: org.id, orgPublicAlias: org.publicAlias, provenanceIssuer: null });
    await this.trustPolicy.pushTo(session);
  }

  private reject(session: OrchestratorSession, reason: string, code: number): void {
    this.metrics.sessionOutcome('rejected');
    this.send(session, { type: 'auth.failure', reason });
    session.close(code, reason);
  }

  /** Union into the session's routing keys (a diff register never drops keys), then always an ack. */
  private async register(session: OrchestratorSession, frame: unknown): Promise<void> {
    const parsed = sourceRegisterSchema.safeParse(frame);
    if (!parsed.success) {
      this.logger.warn(`Dropping an invalid source.register on ${session.connectionId}`);
      return;
    }
    const accepted: RegisteredSource[] = [];
    const rejected: { routingKey: string; reason: string }[] = [];
    const allowedByKey = session.keyRoutingPatterns.length > 0 ? picomatch([...session.keyRoutingPatterns]) : () => true;
    for (const source of parsed.data.sources) {
      const reason = this.refusal(session, source, allowedByKey);
      if (reason) rejected.push({ routingKey: source.routingKey, reason });
      else accepted.push(source);
    }
    for (const source of accepted) session.routingKeys.add(source.routingKey);
    if (parsed.data.clusterName) session.clusterName = parsed.data.clusterName;
    await this.store.registered(session, parsed.data, accepted);
    session.registered = true;
    if (parsed.data.version !== undefined) session.version = parsed.data.version;
    this.registry.registered(session);
    if (accepted.length > 0) this.events.publish(new SourcesRegisteredEvent(session.orgId!, accepted.map((source) => source.routingKey)));
    this.send(session, {
      type: 'source.register.ack',
      messageId: parsed.data.messageId,
      accepted: accepted.map((source) => ({ routingKey: source.routingKey, webhookUrl: this.webhookUrl(session.orgId!, source) })),
      rejected,
      peers: [],
    });
  }

  private refusal(session: OrchestratorSession, source: RegisteredSource, allowedByKey: (key: string) => boolean): string | null {
    const generic = /^generic:([^:]+):/.exec(source.routingKey);
    if (generic && generic[1] !== session.orgId) return 'routing key belongs to another organization';
    if (!allowedByKey(source.routingKey)) return 'routing key not allowed by this orchestrator key';
    return null;
  }

  private async deregister(session: OrchestratorSession, frame: unknown): Promise<void> {
    const parsed = sourceDeregisterSchema.safeParse(frame);
    if (!parsed.success) return;
    const removed = parsed.data.routingKeys.filter((key) => session.routingKeys.delete(key));
    await this.store.routingKeysChanged(session);
    if (removed.length > 0) this.events.publish(new SourcesDeregisteredEvent(session.orgId!, removed));
    this.send(session, { type: 'source.deregister.ack', messageId: parsed.data.messageId, removed });
  }

  /** Where a provider must send this source's webhooks (orchestrator-protocol §2.4). */
  private webhookUrl(orgId: string, source: RegisteredSource): string | null {
    const base = this.config.gateway.webhookPublicUrl ?? `${this.issuers.publicOrigin()}${this.config.http.basePath}`;
    if (source.provider === 'github') return `${base}/webhook/${orgId}/github`;
    const generic = /^generic:[^:]+:(.+)$/.exec(source.routingKey);
    return generic ? `${base}/webhook/${orgId}/generic/${generic[1]}` : null;
  }

  private send(session: OrchestratorSession, frame: { type: string } & Record<string, unknown>): void {
    session.send(frame);
    this.metrics.frameSent(frame.type);
  }
}
