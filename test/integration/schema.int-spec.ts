import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options.js';
import { migrationsAreApplied } from '../../src/database/migrator.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

describe('database schema', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = await new DataSource(dataSourceOptions(db.url, 2)).initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('has every migration applied', async () => {
    await expect(migrationsAreApplied(dataSource)).resolves.toBe(true);
  });

  it('matches the entities exactly, so no change can bypass a migration', async () => {
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('can be rolled back and re-applied', async () => {
    await dataSource.undoLastMigration({ transaction: 'each' });
    await expect(migrationsAreApplied(dataSource)).resolves.toBe(false);
    await dataSource.runMigrations({ transaction: 'each' });
    await expect(migrationsAreApplied(dataSource)).resolves.toBe(true);
  });
});
