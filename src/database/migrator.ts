import type { DataSource } from 'typeorm';

/** Advisory lock key held while migrating, so replicas starting together migrate one at a time. */
const MIGRATION_LOCK_KEY = 0x6b696369;

/**
 * Applies pending migrations under a session-level advisory lock. A replica that waited for the lock finds
 * nothing left to do. Returns the names of the migrations this call applied.
 */
export async function runMigrationsExclusively(dataSource: DataSource): Promise<string[]> {
  const lockHolder = dataSource.createQueryRunner();
  await lockHolder.connect();
  try {
    await lockHolder.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await lockHolder.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lockHolder.release();
  }
}

/** True when every known migration has been applied. */
export async function migrationsAreApplied(dataSource: DataSource): Promise<boolean> {
  return !(await dataSource.showMigrations());
}
