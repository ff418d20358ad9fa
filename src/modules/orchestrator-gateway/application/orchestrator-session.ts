import type { WebSocket } from 'ws';
import { uuidv7 } from '../../../shared/ids/uuid-v7.js';

export type SessionState = 'awaiting-auth' | 'authenticated' | 'closed';

/**
 * One orchestrator socket on this replica: its state machine (awaiting auth → authenticated → closed), the
 * organization it was bound to by its key (the only source of tenant attribution for everything it
 * sends), and what it has told us since.
 */
export class OrchestratorSession {
  readonly connectionId = uuidv7();
  readonly openedAt = Date.now();
  state: SessionState = 'awaiting-auth';
  orgId: string | null = null;
  keyId: string | null = null;
  keyRoutingPatterns: readonly string[] = [];
  authenticatedAt = 0;
  lastHeartbeatAt = 0;
  unhealthy = false;
  readonly routingKeys = new Set<string>();
  clusterName: string | null = null;

  constructor(
    readonly socket: WebSocket,
    readonly remoteAddress: string | null,
  ) {}

  get authenticated(): boolean {
    return this.state === 'authenticated';
  }

  send(frame: { type: string } & Record<string, unknown>): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(JSON.stringify(frame));
  }

  close(code: number, reason: string): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    if (this.socket.readyState === this.socket.OPEN || this.socket.readyState === this.socket.CONNECTING) this.socket.close(code, reason);
  }
}
