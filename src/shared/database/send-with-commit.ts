import type { ClientBase } from 'pg';
import type { EntityManager } from 'typeorm';
import { coalesceWritesThisTick } from './coalesce-writes.js';

/**
 * Queues a statement on the connection of the transaction `manager` runs in, now, without waiting for
 * anything: the caller hands the promise to `UnitOfWork.sendAlong`, and the statement leaves in one write
 * with the COMMIT that follows within this turn. TypeORM's own `query` would queue it only after a few
 * awaits of its own, possibly behind the COMMIT. Rejects at once outside a transaction's connection.
 */
export function sendWithCommit(manager: EntityManager, text: string, values: unknown[]): Promise<unknown> {
  const client = (manager.queryRunner as unknown as { databaseConnection?: ClientBase } | undefined)?.databaseConnection;
  if (!client) return Promise.reject(new Error('sendWithCommit needs the connection of a transaction'));
  coalesceWritesThisTick(client);
  return client.query(text, values);
}
