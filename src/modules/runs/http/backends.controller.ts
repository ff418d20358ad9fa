import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { CurrentPrincipal } from '../../../shared/auth/current-principal.decorator.js';
import type { Principal } from '../../../shared/auth/principal.js';
import { RequirePermission } from '../../../shared/auth/route-access.js';
import { ZodValidationPipe } from '../../../shared/validation/zod-validation.pipe.js';
import { OrchestratorProxy, wireActorOf } from '../../orchestrator-gateway/index.js';
import { RelayedWrite } from './relayed-write.js';

const backendName = z.string().trim().min(1).max(128);
const scalerAgentsSchema = z.object({ scalerName: z.string().trim().min(1).max(128).optional() }).strict();

/**
 * Secret backends and scaler capacity (platform-domain §9.9; protocol #49–55). A backend sync changes
 * what secrets the orchestrator holds, so it is audited; a connection test changes nothing and is not.
 */
@Controller('api/v1/orgs/:orgId')
export class BackendsController {
  constructor(
    private readonly proxy: OrchestratorProxy,
    private readonly writes: RelayedWrite,
  ) {}

  @RequirePermission('secrets', 'read')
  @Get('backends')
  list(@Param('orgId') orgId: string, @CurrentPrincipal() principal: Principal) {
    return this.proxy.request(orgId, wireActorOf(principal), 'dashboard.backends.list', {});
  }

  @RequirePermission('secrets', 'read')
  @Get('backends/:name')
  get(@Param('orgId') orgId: string, @Param('name', new ZodValidationPipe(backendName, 'params')) name: string, @CurrentPrincipal() principal: Principal) {
    return this.proxy.request(orgId, wireActorOf(principal), 'dashboard.backends.get', { name });
  }

  @RequirePermission('secrets', 'admin')
  @Post('backends/sync')
  @HttpCode(200)
  syncAll(@Param('orgId') orgId: string, @CurrentPrincipal() principal: Principal) {
    return this.writes.send(orgId, principal, 'dashboard.backends.sync', {}, { action: 'backend.sync', targetId: '*' });
  }

  @RequirePermission('secrets', 'admin')
  @Post('backends/:name/sync')
  @HttpCode(200)
  syncOne(@Param('orgId') orgId: string, @Param('name', new ZodValidationPipe(backendName, 'params')) name: string, @CurrentPrincipal() principal: Principal) {
    return this.writes.send(orgId, principal, 'dashboard.backends.sync.one', { name }, { action: 'backend.sync_one', targetId: name });
  }

  @RequirePermission('secrets', 'admin')
  @Post('backends/:name/test')
  @HttpCode(200)
  test(@Param('orgId') orgId: string, @Param('name', new ZodValidationPipe(backendName, 'params')) name: string, @CurrentPrincipal() principal: Principal) {
    return this.proxy.request(orgId, wireActorOf(principal), 'dashboard.backends.test', { name });
  }

  @RequirePermission('runs', 'read')
  @Get('diagnostics/scalers')
  scalers(@Param('orgId') orgId: string, @CurrentPrincipal() principal: Principal) {
    return this.proxy.request(orgId, wireActorOf(principal), 'dashboard.scaler.capacity', {});
  }

  /** Without `scalerName`: the static agents (the protocol's `scalerName: null`). */
  @RequirePermission('runs', 'read')
  @Get('diagnostics/scalers/agents')
  scalerAgents(@Param('orgId') orgId: string, @CurrentPrincipal() principal: Principal, @Query(new ZodValidationPipe(scalerAgentsSchema, 'query')) query: z.infer<typeof scalerAgentsSchema>) {
    return this.proxy.request(orgId, wireActorOf(principal), 'dashboard.scaler.agents', { scalerName: query.scalerName ?? null });
  }
}
