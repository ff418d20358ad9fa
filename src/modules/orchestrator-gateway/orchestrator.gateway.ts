import { Inject, Logger } from '@nestjs/common';
import { type OnGatewayConnection, type OnGatewayDisconnect, WebSocketGateway } from '@nestjs/websockets';
import type { IncomingMessage } from 'node:http';
import type { WebSocket } from 'ws';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { ConnectionStore } from './application/connection-store.js';
import { GatewayMetrics } from './application/gateway-metrics.js';
import { WebhookRelay } from './application/webhook-relay.js';
import { OrchestratorProxy } from './application/orchestrator-proxy.js';
import { OrchestratorSession } from './application/orchestrator-session.js';
import { SessionProtocol } from './application/session-protocol.js';
import { SessionRegistry } from './application/session-registry.js';
import { CloseCode } from './protocol/close-codes.js';

const MAX_FRAME_BYTES = 25 * 1024 * 1024;

/**
 * `<base>/ws`, where orchestrators hold their session. The upgrade is unauthenticated; the first frame
 * must authenticate within the auth timeout (4002 otherwise). Holds sockets only; the protocol lives in
 * `SessionProtocol`.
 */
/**
 * permessage-deflate with small windows and no context takeover either way: zlib's defaults (32 KiB
 * windows, memLevel 8) cost about 250 KiB per socket, which 10,000 orchestrators cannot afford; frames are
 * small JSON, so the compression lost is small too. Frames under 1 KiB go uncompressed (the orchestrator's
 * own server uses 128 B): on the webhook relay path zlib was a third of the Platform's CPU while saving a
 * few hundred bytes per frame on loopback-grade links.
 */
const PER_MESSAGE_DEFLATE = {
  threshold: 1024,
  concurrencyLimit: 10,
  serverNoContextTakeover: true,
  clientNoContextTakeover: true,
  serverMaxWindowBits: 10,
  clientMaxWindowBits: 10,
  zlibDeflateOptions: { memLevel: 3 },
};

@WebSocketGateway({ path: '/ws', maxPayload: MAX_FRAME_BYTES, perMessageDeflate: PER_MESSAGE_DEFLATE })
export class OrchestratorGateway implements OnGatewayConnection, OnGatewayDisconnect {
  private readonly logger = new Logger('OrchestratorGateway');
  private readonly sessions = new WeakMap<WebSocket, OrchestratorSession>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly protocol: SessionProtocol,
    private readonly registry: SessionRegistry,
    private readonly store: ConnectionStore,
    private readonly metrics: GatewayMetrics,
    private readonly proxy: OrchestratorProxy,
    private readonly webhookRelay: WebhookRelay,
  ) {}

  handleConnection(socket: WebSocket, request: IncomingMessage): void {
    const session = new OrchestratorSession(socket, request.socket.remoteAddress ?? null);
    this.sessions.set(socket, session);
    const deadline = setTimeout(() => {
      if (session.state !== 'awaiting-auth') return;
      this.metrics.sessionOutcome('timeout');
      session.close(CloseCode.AUTH_TIMEOUT, 'Authentication timeout');
    }, this.config.gateway.authTimeoutMs);
    deadline.unref();
    socket.on('message', (data, isBinary) => {
      session.lastSeenAt = Date.now();
      this.protocol.receive(session, data, isBinary);
    });
    socket.on('pong', () => {
      session.lastSeenAt = Date.now();
    });
    socket.on('error', (error) => this.logger.debug(`Socket error on ${session.connectionId}: ${error.message}`));
    socket.once('close', () => clearTimeout(deadline));
  }

  handleDisconnect(socket: WebSocket): void {
    const session = this.sessions.get(socket);
    if (!session) return;
    const wasAuthenticated = session.authenticated || this.registry.get(session.connectionId) !== undefined;
    session.state = 'closed';
    this.registry.remove(session);
    this.proxy.connectionLost(session);
    this.webhookRelay.connectionLost(session);
    this.metrics.activeSessions(this.registry.size);
    if (wasAuthenticated) {
      this.metrics.sessionOutcome('closed');
      void this.store.closed(session).catch((error: unknown) => this.logger.error(String(error)));
    }
  }
}
