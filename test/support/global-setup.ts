import { chmod, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { EmbeddedDatabase } from '../../src/database/embedded/embedded-database.js';
import { dataSourceOptions } from '../../src/database/data-source-options.js';
import { runMigrationsExclusively } from '../../src/database/migrator.js';
import { TEMPLATE_DATABASE, TEST_PG_DATA_ENV, TEST_PG_URL_ENV } from './test-database-env.js';

declare global {
  var __KICI_TEST_PG__: EmbeddedDatabase | undefined;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * Starts one embedded PostgreSQL for the whole run and migrates a template database; every suite then
 * clones the template (CREATE DATABASE … TEMPLATE), which takes milliseconds and isolates suites.
 */
export default async function globalSetup(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'kici-test-pg-'));
  await chmod(dataDir, 0o755);
  const database = await EmbeddedDatabase.start(dataDir, () => undefined);
  globalThis.__KICI_TEST_PG__ = database;

  const admin = new pg.Client({ connectionString: database.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  await admin.end();

  const dataSource = new DataSource(dataSourceOptions(withDatabase(database.url, TEMPLATE_DATABASE), 2));
  await dataSource.initialize();
  await runMigrationsExclusively(dataSource);
  await dataSource.destroy();

  process.env[TEST_PG_URL_ENV] = database.url;
  process.env[TEST_PG_DATA_ENV] = dataDir;
}
