import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { TEMPLATE_DATABASE, TEST_PG_URL_ENV } from './test-database-env.js';

export interface TestDatabase {
  readonly url: string;
  readonly name: string;
  /** Runs SQL as the superuser on this database (fixtures, tampering, inspection). */
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<R[]>;
  /** Runs statements in one transaction on one connection, so SET LOCAL applies to all of them. */
  transaction(work: (client: pg.PoolClient) => Promise<void>): Promise<void>;
  drop(): Promise<void>;
}

function adminUrl(): string {
  const url = process.env[TEST_PG_URL_ENV];
  if (!url) throw new Error(`${TEST_PG_URL_ENV} is not set: run the suites through jest (global setup starts PostgreSQL)`);
  return url;
}

/**
 * A fresh, fully migrated database of its own for one suite, cloned from the template; with `empty`, one
 * with no schema at all (for migration tests).
 */
export async function createTestDatabase(options: { empty?: boolean } = {}): Promise<TestDatabase> {
  const name = `kici_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${options.empty ? 'template0' : TEMPLATE_DATABASE}`);
  } finally {
    await admin.end();
  }
  const parsed = new URL(adminUrl());
  parsed.pathname = `/${name}`;
  const url = parsed.toString();
  const pool = new pg.Pool({ connectionString: url, max: 2 });

  return {
    url,
    name,
    async query<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []) {
      return (await pool.query<R>(sql, params)).rows;
    },
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await work(client);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    },
    async drop() {
      await pool.end();
      const cleanup = new pg.Client({ connectionString: adminUrl() });
      await cleanup.connect();
      try {
        // Connections the app is still closing would be killed mid-goodbye by FORCE, and pg reports that as
        // an unhandled error in whichever suite is running; give them a moment to leave on their own.
        for (let waited = 0; waited < 2000; waited += 50) {
          const [{ count }] = (await cleanup.query('SELECT count(*)::int AS count FROM pg_stat_activity WHERE datname = $1', [name])).rows as [{ count: number }];
          if (count === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}
