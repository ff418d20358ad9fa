import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from './config/app-config.js';
import { ConfigError, loadConfig } from './config/load-config.js';
import { EmbeddedDatabase } from './database/embedded/embedded-database.js';
import { createApp } from './bootstrap/create-app.js';
import { lowerV8WorkerPriority, V8_WORKER_NICENESS } from './bootstrap/v8-worker-priority.js';
import { JsonLogger } from './shared/logging/json-logger.js';

function readConfig(): AppConfig {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
}

/**
 * Starts the Platform: configuration, the database (embedded when none is configured), the HTTP and
 * WebSocket server. SIGTERM/SIGINT drain it in order: sockets closed with 1001, in-flight requests
 * finished, database connections closed, embedded PostgreSQL stopped — bounded by the shutdown timeout.
 */
async function main(): Promise<void> {
  const config = readConfig();
  const logger = new JsonLogger(config.log.level);
  for (const name of config.unknownVariables) logger.warn(`Ignoring unknown setting ${name}`, 'Config');

  let embedded: EmbeddedDatabase | null = null;
  let app: NestFastifyApplication | null = null;
  let stopping = false;

  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.log(`Received ${signal}; shutting down`, 'Bootstrap');
    const deadline = setTimeout(() => {
      logger.error('Shutdown took too long; exiting', 'Bootstrap');
      process.exit(1);
    }, config.http.shutdownTimeoutMs);
    deadline.unref();
    try {
      await app?.close();
    } finally {
      await embedded?.stop();
    }
    logger.log('Stopped', 'Bootstrap');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  try {
    let databaseUrl = config.database.url;
    if (databaseUrl === null) {
      embedded = await EmbeddedDatabase.start(config.dataDir, (message) => logger.log(message, 'EmbeddedPostgres'));
      databaseUrl = embedded.url;
    }
    app = await createApp(config, { databaseUrl, logger });
    await app.listen({ port: config.http.port, host: config.http.host });
    const address = app.getHttpServer().address();
    const port = typeof address === 'object' && address ? address.port : config.http.port;
    // Once listening: lowered during the start, the collections of the start fell behind and left the idle process ≈ 7 MB larger.
    if (config.lowPriorityV8Workers) logger.debug(`V8 worker threads at niceness ${V8_WORKER_NICENESS}: ${lowerV8WorkerPriority()}`, 'Bootstrap');
    logger.event('info', 'Platform listening', { context: 'Bootstrap', host: config.http.host, port, basePath: config.http.basePath || '/' });
  } catch (error) {
    logger.fatal(error instanceof Error ? error : String(error), 'Bootstrap');
    await app?.close().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    process.exit(1);
  }
}

void main();
