import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * Vouching rewrites every session row of a replica each interval. Those updates must stay on their page
 * (HOT: no new index entries), or a replica holding 10,000 orchestrators costs PostgreSQL several times
 * as much for each vouch.
 */
describe('session rows: heartbeat updates stay on their page', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(async () => {
    await db?.drop();
  });

  const updateCounts = async (): Promise<{ updated: number; hot: number }> => {
    const [row] = await db.query<{ updated: string; hot: string }>(`SELECT n_tup_upd AS updated, n_tup_hot_upd AS hot FROM pg_stat_user_tables WHERE relname = 'platform_connections'`);
    return { updated: Number(row!.updated), hot: Number(row!.hot) };
  };

  it('are HOT: a vouch of 2,000 freshly written rows updates them all in place (at the default fill factor, almost none)', async () => {
    const ids = Array.from({ length: 2000 }, () => randomUUID());
    // Rows only: the organization and key they name do not matter to page layout, so the foreign keys are
    // not enforced for this one insert.
    await db.transaction(async (client) => {
      await client.query('SET LOCAL session_replication_role = replica');
      await client.query(
        `INSERT INTO platform_connections (connection_id, org_id, key_id, replica_id, routing_keys, capabilities, details, connected_at, replica_seen_at)
         SELECT id, 'org_aaaaaaaaaaaa', $2::uuid, 'replica-a', '[]', '{}', '{}', now(), now() FROM unnest($1::uuid[]) AS id`,
        [ids, randomUUID()],
      );
    });
    const before = await updateCounts();
    // The statement ConnectionStore.touch sends. Later vouches stay HOT as long as PostgreSQL can prune the
    // previous versions on the page (measured: 99 % over twelve 10,000-row vouches); the first one shows
    // the room the fill factor leaves, without depending on when pruning runs. Its counts are flushed to
    // the statistics before the transaction's end is acknowledged.
    await db.transaction(async (client) => {
      await client.query(
        `UPDATE platform_connections c
            SET replica_seen_at = now(), last_heartbeat_at = s.heartbeat
           FROM unnest($1::uuid[], $2::timestamptz[]) AS s(id, heartbeat)
          WHERE c.connection_id = s.id`,
        [ids, ids.map(() => new Date())],
      );
      await client.query('SELECT pg_stat_force_next_flush()');
    });
    const after = await updateCounts();
    const updated = after.updated - before.updated;
    expect(updated).toBe(ids.length);
    expect((after.hot - before.hot) / updated).toBeGreaterThan(0.99);
  });
});
