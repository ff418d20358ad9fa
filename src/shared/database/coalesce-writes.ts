import type { Duplex } from 'node:stream';
import type { ClientBase } from 'pg';

/**
 * Holds what is written to this PostgreSQL connection until the promise continuations now under way have
 * run, so statements sent one behind the other without waiting for answers (the pool pipelines) leave in
 * one system call: on a machine shared with PostgreSQL each write to its socket costs tens of microseconds
 * and a wake-up of the backend. Used where a transaction's last statements are known to follow at once (an
 * audit INSERT and the COMMIT behind it, a chain of resolved awaits). Not to the end of the event-loop turn:
 * the transaction may hold row locks, and other callbacks of the turn must not keep them waiting. The
 * socket is `pg`'s own field; without it, writes go as before.
 */
export function coalesceWritesThisTick(client: ClientBase): void {
  const socket = (client as unknown as { connection?: { stream?: Duplex } }).connection?.stream;
  if (!socket || typeof socket.cork !== 'function' || socket.writableCorked > 0) return;
  socket.cork();
  process.nextTick(() => socket.uncork());
}
