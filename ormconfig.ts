import { DataSource } from 'typeorm';
import { loadConfig } from './src/config/load-config.js';
import { dataSourceOptions } from './src/database/data-source-options.js';

/**
 * Data source for the TypeORM migration CLI (`npm run migration:show|run|generate`). It needs a database
 * URL (`KICI_DATABASE_URL` or `DATABASE_URL`): the embedded server is started by the Platform itself.
 */
const config = loadConfig(process.env);
if (!config.database.url) {
  throw new Error('Set KICI_DATABASE_URL (or DATABASE_URL) to use the migration CLI');
}

export default new DataSource(dataSourceOptions(config.database.url, 2));
