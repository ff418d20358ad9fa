import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '../../src/config/app-config.js';
import { loadConfig } from '../../src/config/load-config.js';
import { createApp, type CreateAppOptions } from '../../src/bootstrap/create-app.js';
import { JsonLogger } from '../../src/shared/logging/json-logger.js';

/** Configuration as the process would build it from these variables: quiet, with a data folder of its own. */
export function testConfig(databaseUrl: string, env: Record<string, string> = {}): AppConfig {
  const dataDir = mkdtempSync(join(tmpdir(), 'kici-app-'));
  return loadConfig({ NODE_ENV: 'test', KICI_LOG_LEVEL: 'fatal', KICI_DATABASE_URL: databaseUrl, KICI_DATA_DIR: dataDir, ...env });
}

export interface RunningTestApp {
  readonly app: NestFastifyApplication;
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  readonly config: AppConfig;
  close(): Promise<void>;
}

/** Boots the real Platform on a free loopback port, as `main.ts` does, against the given database. */
export async function startTestApp(
  databaseUrl: string,
  env: Record<string, string> = {},
  extraImports: CreateAppOptions['extraImports'] = [],
): Promise<RunningTestApp> {
  const config = testConfig(databaseUrl, env);
  const app = await createApp(config, { databaseUrl, extraImports, logger: new JsonLogger(config.log.level) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  if (typeof address !== 'object' || !address) throw new Error('test app did not bind a port');
  return { app, origin: `http://127.0.0.1:${address.port}`, config, close: () => app.close() };
}
