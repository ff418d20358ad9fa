import { eventually } from './eventually.js';

interface Queryable {
  query<R extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]>;
}

/**
 * Waits until no committed audit row (of `chainKey`, or of any chain) is waiting for its place in the chain.
 * Sealing follows each commit asynchronously, so a test that reads `seq` or `hash`, or verifies a chain
 * expecting every row checked, waits for it first instead of expecting less.
 */
export async function auditSealed(db: Queryable, chainKey: string | null = null, timeoutMs = 10_000): Promise<void> {
  await eventually(async () => {
    const [{ pending }] = (await db.query<{ pending: number }>(
      'SELECT count(*)::int AS pending FROM audit_events WHERE seq IS NULL AND ($1::text IS NULL OR chain_key = $1)',
      [chainKey],
    )) as [{ pending: number }];
    if (pending > 0) throw new Error(`${pending} audit row(s) of ${chainKey ?? 'any chain'} still unsealed after ${timeoutMs} ms`);
  }, timeoutMs);
}
