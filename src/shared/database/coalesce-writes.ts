import type { Duplex } from 'node:stream';
import type { ClientBase } from 'pg';

/**
 * Holds what is written to this PostgreSQL connection until the end of the current event-loop turn, so
 * statements sent one behind the other without waiting for answers (the pool pipelines) leave in one
 * system call: on a machine shared with PostgreSQL each write to its socket costs tens of microseconds and
 * a wake-up of the backend. Used where a transaction's last statements are known to follow at once (an
 * audit INSERT and the COMMIT behind it). The socket is `pg`'s own field; without it, writes go as before.
 */
export function coalesceWritesThisTurn(client: ClientBase): void {
  const socket = (client as unknown as { connection?: { stream?: Duplex } }).connection?.stream;
  if (!socket || typeof socket.cork !== 'function' || socket.writableCorked > 0) return;
  socket.cork();
  setImmediate(() => socket.uncork());
}
