import type { Duplex } from 'node:stream';
import type { ClientBase } from 'pg';
import type { EntityManager } from 'typeorm';
import { holdWritesUntilNextTick } from '../net/hold-writes.js';

/**
 * Queues a statement on the connection of the transaction `manager` runs in, now, without waiting for
 * anything: the caller hands the promise to `UnitOfWork.sendAlong`, and the statement leaves in one write
 * with the COMMIT that follows within this turn (the pool pipelines; the connection's socket, `pg`'s own
 * field, holds its writes until the pending continuations have run). TypeORM's own `query` would queue it
 * only after a few awaits of its own, possibly behind the COMMIT. Rejects at once outside a transaction's
 * connection.
 */
export function sendWithCommit(manager: EntityManager, text: string, values: unknown[]): Promise<unknown> {
  const client = (manager.queryRunner as unknown as { databaseConnection?: ClientBase } | undefined)?.databaseConnection;
  if (!client) return Promise.reject(new Error('sendWithCommit needs the connection of a transaction'));
  holdWritesUntilNextTick((client as unknown as { connection?: { stream?: Duplex } }).connection?.stream);
  return client.query(text, values);
}
