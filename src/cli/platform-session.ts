import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { createApp } from '../bootstrap/create-app.js';
import type { AppConfig, LogLevel } from '../config/app-config.js';
import { loadConfig } from '../config/load-config.js';
import { dataSourceOptions } from '../database/data-source-options.js';
import { EmbeddedDatabase } from '../database/embedded/embedded-database.js';
import { migrationsAreApplied } from '../database/migrator.js';
import { JsonLogger } from '../shared/logging/json-logger.js';
import type { CliIo } from './cli-command.js';
import { UnavailableError } from './cli-errors.js';

/** The configuration exactly as the server reads it (a `ConfigError` becomes exit 78). */
export function cliConfig(): AppConfig {
  return loadConfig(process.env);
}

/**
 * Runs `work` against the configured database or, with none configured, the embedded PostgreSQL under
 * `KICI_DATA_DIR` started for the duration — as the server would, so a fresh machine needs nothing else.
 */
export async function withDatabase<T>(config: AppConfig, io: CliIo, work: (databaseUrl: string) => Promise<T>): Promise<T> {
  if (config.database.url !== null) return work(config.database.url);
  io.err(`Using the embedded PostgreSQL under ${config.dataDir}`);
  const embedded = await EmbeddedDatabase.start(config.dataDir, (message) => io.err(`  ${message}`));
  try {
    return await work(embedded.url);
  } finally {
    await embedded.stop();
  }
}

/** A bare TypeORM connection (two connections at most): enough for migrations, no application. */
export async function withDataSource<T>(config: AppConfig, io: CliIo, work: (dataSource: DataSource) => Promise<T>): Promise<T> {
  return withDatabase(config, io, async (url) => {
    const dataSource = new DataSource(dataSourceOptions(url, 2));
    await dataSource.initialize();
    try {
      return await work(dataSource);
    } finally {
      await dataSource.destroy();
    }
  });
}

/** Below warn the Platform's start-up chatter would bury the command's own output. */
function cliLogLevel(configured: LogLevel): LogLevel {
  return configured === 'debug' || configured === 'verbose' ? configured : 'error';
}

/**
 * The whole Platform initialised as the server builds it (`createApp`: same modules, so every command
 * runs with its audit projection and outbox in its transaction) but never listening, with this replica's
 * webhook worker off. Pending migrations are applied first unless `KICI_AUTO_MIGRATE` is off, exactly as
 * at server start; with it off and migrations pending the command stops (exit 69).
 */
export async function withPlatform<T>(config: AppConfig, io: CliIo, work: (app: NestFastifyApplication) => Promise<T>): Promise<T> {
  return withDatabase(config, io, async (databaseUrl) => {
    const withoutWorker: AppConfig = { ...config, webhooks: { ...config.webhooks, workerEnabled: false } };
    const logger = new JsonLogger(cliLogLevel(config.log.level), (line) => process.stderr.write(line));
    const app = await createApp(withoutWorker, { databaseUrl, logger });
    try {
      if (!(await migrationsAreApplied(app.get(DataSource)))) {
        throw new UnavailableError('the database schema has pending migrations and KICI_AUTO_MIGRATE is off; run `kici-platform migrate` first');
      }
      return await work(app);
    } finally {
      await app.close();
    }
  });
}
