import type { Duplex } from 'node:stream';
import type { ClientBase } from 'pg';
import { holdWritesUntilNextTick } from '../net/hold-writes.js';

/**
 * Statements sent on this PostgreSQL connection without waiting for answers (the pool pipelines) until
 * the pending continuations have run leave in one write: used where a transaction's last statements are
 * known to follow at once (an audit INSERT and the COMMIT behind it). The socket is `pg`'s own field.
 */
export function coalesceWritesThisTick(client: ClientBase): void {
  holdWritesUntilNextTick((client as unknown as { connection?: { stream?: Duplex } }).connection?.stream);
}
