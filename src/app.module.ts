import { type DynamicModule, type ModuleMetadata, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { AuditModule } from './modules/audit/index.js';
import { IdentityModule } from './modules/identity/index.js';
import { OrchestratorGatewayModule } from './modules/orchestrator-gateway/index.js';
import { OrgsModule } from './modules/orgs/index.js';
import { RbacModule } from './modules/rbac/index.js';
import { RunsModule } from './modules/runs/index.js';
import { TokensModule } from './modules/tokens/index.js';
import { AccessCacheModule } from './shared/auth/access-cache.module.js';
import { WebhooksModule } from './modules/webhooks/index.js';
import { OutboundWebhooksModule } from './modules/webhooks/outbound/index.js';
import { ObservabilityModule } from './observability/observability.module.js';
import { RouteAccessGuard } from './shared/auth/route-access.guard.js';
import { CqrsSpineModule } from './shared/cqrs/cqrs-spine.module.js';
import { DrainState } from './shared/lifecycle/drain-state.js';

export interface AppModuleOptions {
  readonly config: AppConfig;
  /** The database to use: the configured one or the embedded server started for this process. */
  readonly databaseUrl: string;
  /** Extra modules mounted beside the Platform's own (test fixtures). */
  readonly extraImports?: ModuleMetadata['imports'];
}

/** The whole Platform. Built per process from its validated configuration. */
@Module({})
export class AppModule {
  static register({ config, databaseUrl, extraImports = [] }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(databaseUrl, config.database.poolSize),
        CqrsSpineModule,
        AccessCacheModule,
        ObservabilityModule,
        AuditModule,
        IdentityModule,
        TokensModule,
        OrgsModule,
        RbacModule,
        RunsModule,
        WebhooksModule,
        OutboundWebhooksModule,
        OrchestratorGatewayModule,
        ...extraImports,
      ],
      providers: [{ provide: APP_GUARD, useClass: RouteAccessGuard }, DrainState],
    };
  }
}
