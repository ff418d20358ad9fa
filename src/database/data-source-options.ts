import type { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from './migrations/index.js';
import { PreparingClient } from './preparing-client.js';

/** TypeORM options for a PostgreSQL URL. The schema changes only through migrations: `synchronize` is off. */
export function dataSourceOptions(url: string, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    installExtensions: false,
    // Pipelining: a statement queued behind one still unanswered is sent at once instead of after its
    // answer. Code that awaits each statement is unaffected; a transaction's audit INSERT travels with
    // its COMMIT (see `UnitOfWork.sendAlong`). Cursors and `rows` queries are refused in this mode (none here).
    // Parameterized statements are prepared once per connection (see `PreparingClient`).
    extra: { max: poolSize, connectionTimeoutMillis: 10_000, pipeline: true, Client: PreparingClient },
    logging: false,
  };
}
