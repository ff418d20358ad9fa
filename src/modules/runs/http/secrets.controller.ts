import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { z } from 'zod';
import { CurrentPrincipal } from '../../../shared/auth/current-principal.decorator.js';
import type { Principal } from '../../../shared/auth/principal.js';
import { RequirePermission } from '../../../shared/auth/route-access.js';
import { ZodValidationPipe } from '../../../shared/validation/zod-validation.pipe.js';
import { OrchestratorProxy, wireActorOf } from '../../orchestrator-gateway/index.js';
import { RelayedWrite } from './relayed-write.js';

/** Scope names may contain "/" (`aws/prod`): clients URL-encode them in the path (`aws%2Fprod`). */
const scope = z.string().trim().min(1).max(256);
const key = z.string().trim().min(1).max(256);
const setSchema = z.object({ value: z.string().max(1_048_576) }).strict();
const scopeSchema = z.object({ scope }).strict();
const renameSchema = z.object({ newScope: scope }).strict();

/**
 * Secrets (platform-domain §9.8; protocol #29–34): names listed, values set and deleted, scopes managed —
 * all on the orchestrator. A value transits the Platform in memory only: it is not stored, logged
 * (request logs carry no bodies) or audited (audit rows name scope and key).
 */
@Controller('api/v1/orgs/:orgId/secrets')
export class SecretsController {
  constructor(
    private readonly proxy: OrchestratorProxy,
    private readonly writes: RelayedWrite,
  ) {}

  @RequirePermission('secrets', 'read')
  @Get()
  list(@Param('orgId') orgId: string, @CurrentPrincipal() principal: Principal) {
    return this.proxy.request(orgId, wireActorOf(principal), 'dashboard.environments.secrets.list', {});
  }

  @RequirePermission('secrets', 'write')
  @Post('scopes')
  @HttpCode(201)
  createScope(@Param('orgId') orgId: string, @CurrentPrincipal() principal: Principal, @Body(new ZodValidationPipe(scopeSchema)) body: z.infer<typeof scopeSchema>) {
    return this.writes.send(orgId, principal, 'dashboard.environments.secrets.scope.create', body, { action: 'secret_scope.create', targetId: body.scope });
  }

  @RequirePermission('secrets', 'write')
  @Patch('scopes/:scope')
  renameScope(
    @Param('orgId') orgId: string,
    @Param('scope', new ZodValidationPipe(scope, 'params')) oldScope: string,
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodValidationPipe(renameSchema)) body: z.infer<typeof renameSchema>,
  ) {
    return this.writes.send(orgId, principal, 'dashboard.environments.secrets.scope.rename', { oldScope, newScope: body.newScope }, {
      action: 'secret_scope.rename',
      targetId: oldScope,
      details: { newScope: body.newScope },
    });
  }

  @RequirePermission('secrets', 'write')
  @Delete('scopes/:scope')
  deleteScope(@Param('orgId') orgId: string, @Param('scope', new ZodValidationPipe(scope, 'params')) name: string, @CurrentPrincipal() principal: Principal) {
    return this.writes.send(orgId, principal, 'dashboard.environments.secrets.scope.delete', { scope: name }, { action: 'secret_scope.delete', targetId: name });
  }

  @RequirePermission('secrets', 'write')
  @Put(':scope/:key')
  set(
    @Param('orgId') orgId: string,
    @Param('scope', new ZodValidationPipe(scope, 'params')) name: string,
    @Param('key', new ZodValidationPipe(key, 'params')) secret: string,
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodValidationPipe(setSchema)) body: z.infer<typeof setSchema>,
  ) {
    return this.writes.send(orgId, principal, 'dashboard.environments.secrets.set', { scope: name, key: secret, value: body.value }, {
      action: 'secret.set',
      targetId: `${name}/${secret}`,
      details: { scope: name, key: secret },
    });
  }

  @RequirePermission('secrets', 'write')
  @Delete(':scope/:key')
  remove(
    @Param('orgId') orgId: string,
    @Param('scope', new ZodValidationPipe(scope, 'params')) name: string,
    @Param('key', new ZodValidationPipe(key, 'params')) secret: string,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.writes.send(orgId, principal, 'dashboard.environments.secrets.delete', { scope: name, key: secret }, {
      action: 'secret.delete',
      targetId: `${name}/${secret}`,
      details: { scope: name, key: secret },
    });
  }
}
