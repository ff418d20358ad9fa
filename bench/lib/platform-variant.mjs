// A second Platform process for the baselines that must be "the same Platform, one thing changed", which
// the shipped entry (`dist/src/main.js`) cannot be asked for. It builds the app exactly as main.ts does
// (`createApp` from dist/, V8's workers lowered once listening), on the database and data dir of a running bench Platform, then changes only:
//   --probe-routes    adds bench/lib/probe-routes.mjs: one trivial handler mounted public and behind each
//                     kind of authentication, so the cost of authentication is the only difference;
//   --without-audit   makes the audit projection's insert a no-op (`AuditLogRepository.append`): every
//                     mutation runs its same transaction, minus its audit row. The product has no such
//                     switch on purpose; this exists only here.
// Usage (forked, env as for main.js plus KICI_DATABASE_URL; see `startPlatformVariant`): platform-variant.mjs [--probe-routes] [--without-audit]
// → sends { port } to the parent over IPC once listening.
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { createApp } from '../../dist/src/bootstrap/create-app.js';
import { lowerV8WorkerPriority } from '../../dist/src/bootstrap/v8-worker-priority.js';
import { loadConfig } from '../../dist/src/config/load-config.js';
import { AuditLogRepository } from '../../dist/src/modules/audit/infrastructure/audit-log.repository.js';
import { JsonLogger } from '../../dist/src/shared/logging/json-logger.js';
import { ProbeRoutesModule } from './probe-routes.mjs';

const flags = new Set(process.argv.slice(2));
const config = loadConfig(process.env);
const logger = new JsonLogger(config.log.level);
const app = await createApp(config, { databaseUrl: config.database.url, logger, extraImports: flags.has('--probe-routes') ? [ProbeRoutesModule] : [] });
if (flags.has('--without-audit')) {
  app.get(AuditLogRepository, { strict: false }).append = async () => randomUUID();
}
await app.listen({ port: config.http.port, host: config.http.host });
if (config.lowPriorityV8Workers) lowerV8WorkerPriority();
process.send?.({ port: app.getHttpServer().address().port });
process.on('SIGTERM', () => {
  app.close().finally(() => process.exit(0));
});
