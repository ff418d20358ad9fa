import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import { uuidv7 } from '../../../shared/ids/uuid-v7.js';
import { holdWritesUntilTurnEnds } from '../../../shared/net/hold-writes.js';
import { CLUSTER_NAME } from '../protocol/inbound-frames.js';

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
  /** When anything (a frame, a pong) last came in: a socket that sends is not half-open. */
  lastSeenAt = Date.now();
  /** When the first ping still unanswered was sent (0: none). */
  pingedAt = 0;
  /** When the session's row last had `replica_seen_at` written, and the heartbeat written with it. */
  vouchedAt = 0;
  recordedHeartbeatAt = 0;
  readonly routingKeys = new Set<string>();
  clusterName: string | null = null;
  /** What routing needs without asking the database: mirrors the session's `platform_connections` row. */
  capabilities: Record<string, unknown> = {};
  version: string | null = null;
  /** Has sent its first `source.register` (until then it has not said which cluster it is). */
  registered = false;
  /** Proxied requests sent to it and not answered yet: the load its HA siblings are balanced by. */
  inFlight = 0;

  constructor(
    readonly socket: WebSocket,
    readonly remoteAddress: string | null,
  ) {}

  get authenticated(): boolean {
    return this.state === 'authenticated';
  }

  /** The cluster name as recorded and routed on: only one the protocol allows ([CN]), else none. */
  get recordedClusterName(): string | null {
    return this.clusterName && CLUSTER_NAME.test(this.clusterName) ? this.clusterName : null;
  }

  send(frame: { type: string } & Record<string, unknown>): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(JSON.stringify(frame));
  }

  /**
   * Sends serialized text frames in order without piling them all into the socket's buffer at once: while
   * more than `highWaterBytes` wait to be written, the next frame waits for them (frames of other sends
   * interleave meanwhile instead of queueing behind a whole 25 MiB body). Stops when the socket closes.
   */
  async sendPaced(frames: Iterable<string | Buffer>, options: { readonly compress: boolean; readonly highWaterBytes: number }): Promise<void> {
    const sendOptions = { compress: options.compress, binary: false };
    this.coalesceWritesThisTurn();
    for (const frame of frames) {
      if (this.socket.readyState !== this.socket.OPEN) return;
      if (this.socket.bufferedAmount < options.highWaterBytes) this.socket.send(frame, sendOptions);
      else await new Promise<void>((resolve) => this.socket.send(frame, sendOptions, () => resolve()));
    }
  }

  /**
   * `ws` writes every frame to the TCP socket at once, one system call each: corked until the I/O
   * callbacks of this turn have run, the frames sent meanwhile (a relay's start and chunk, and those of the
   * other relays whose requests arrived in the same turn) leave in one write — under the relay benchmark's
   * load 0.18–0.31 writes a relay instead of one (`perf stat`). The TCP socket is `ws`'s own field; without
   * it, frames simply go one by one.
   */
  private coalesceWritesThisTurn(): void {
    holdWritesUntilTurnEnds((this.socket as unknown as { _socket?: Duplex })._socket);
  }

  close(code: number, reason: string): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    if (this.socket.readyState === this.socket.OPEN || this.socket.readyState === this.socket.CONNECTING) this.socket.close(code, reason);
  }
}
