import { Logger } from '@nestjs/common';
import { type OnGatewayConnection, type OnGatewayDisconnect, WebSocketGateway } from '@nestjs/websockets';
import type { WebSocket } from 'ws';
import { CloseCode } from './close-codes.js';

/** An orchestrator must authenticate within this time after the upgrade (protocol §1). */
export const AUTH_TIMEOUT_MS = 5000;

/**
 * The `/ws` endpoint orchestrators connect to (under the base path). So far it only holds sockets and
 * enforces the authentication deadline; the protocol itself lands with the OrchestratorGateway issue.
 */
@WebSocketGateway({ path: '/ws', maxPayload: 25 * 1024 * 1024, perMessageDeflate: true })
export class OrchestratorGateway implements OnGatewayConnection, OnGatewayDisconnect {
  private readonly logger = new Logger('OrchestratorGateway');
  private readonly authDeadlines = new Map<WebSocket, NodeJS.Timeout>();

  handleConnection(socket: WebSocket): void {
    const deadline = setTimeout(() => socket.close(CloseCode.AUTH_TIMEOUT, 'Authentication timeout'), AUTH_TIMEOUT_MS);
    deadline.unref();
    this.authDeadlines.set(socket, deadline);
  }

  handleDisconnect(socket: WebSocket): void {
    clearTimeout(this.authDeadlines.get(socket));
    this.authDeadlines.delete(socket);
    this.logger.debug('Socket closed');
  }
}
