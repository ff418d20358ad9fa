import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { z } from 'zod';
import { CurrentPrincipal } from '../../../shared/auth/current-principal.decorator.js';
import type { Principal } from '../../../shared/auth/principal.js';
import { RequirePermission } from '../../../shared/auth/route-access.js';
import { ZodValidationPipe } from '../../../shared/validation/zod-validation.pipe.js';
import { OrchestratorProxy, wireActorOf } from '../../orchestrator-gateway/index.js';
import { RelayedWrite } from './relayed-write.js';

const id = z.string().trim().min(1).max(128);
const key = z.string().trim().min(1).max(256);
const routingKey = z.string().trim().min(1).max(256);

/** Environment settings (orchestrator-protocol #17–18): what the orchestrator accepts, bounded. */
const settingsFields = {
  globPattern: z.string().max(512).nullable().optional(),
  branchRestrictions: z.array(z.string().min(1).max(256)).max(100).nullable().optional(),
  concurrencyLimit: z.number().int().min(0).max(10_000).nullable().optional(),
  concurrencyStrategy: z.enum(['queue', 'cancel-pending']).nullable().optional(),
  requiredReviewers: z.array(z.string().min(1).max(256)).max(100).nullable().optional(),
  waitTimerSeconds: z.number().int().min(0).max(30 * 86_400).nullable().optional(),
  holdExpirySeconds: z.number().int().min(0).max(365 * 86_400).nullable().optional(),
  enabled: z.boolean().optional(),
};
const createSchema = z.object({ name: z.string().trim().min(1).max(128), envType: z.enum(['fixed', 'glob']), ...settingsFields }).strict();
const updateSchema = z
  .object({ name: z.string().trim().min(1).max(128).optional(), ...settingsFields })
  .strict()
  .refine((body) => Object.keys(body).length > 0, { message: 'Nothing to update' });
const testAccessSchema = z.object({ allowLocalExecution: z.boolean() }).strict();
const historySchema = z.object({ limit: z.coerce.number().int().min(1).max(200).optional(), offset: z.coerce.number().int().min(0).max(1_000_000).optional() }).strict();
const variableSchema = z.object({ value: z.string().max(65_536), locked: z.boolean().optional() }).strict();
const overrideSchema = z.object({ value: z.string().max(65_536) }).strict();
const bindingsSchema = z
  .object({ bindings: z.array(z.object({ scopePattern: z.string().min(1).max(256), hostPattern: z.string().min(1).max(256) }).strict()).max(200) })
  .strict();

/**
 * Environments beyond the list (platform-domain §9.8): one environment, its history, variables, source
 * overrides and bindings — all held by the orchestrator. Writes are checked against its write policy
 * before sending and audited by name once accepted; variable values never reach an audit row.
 */
@Controller('api/v1/orgs/:orgId/environments/:environmentId')
export class EnvironmentSettingsController {
  constructor(
    private readonly proxy: OrchestratorProxy,
    private readonly writes: RelayedWrite,
  ) {}

  @RequirePermission('environments', 'read')
  @Get()
  get(@Param('orgId') orgId: string, @Param('environmentId', new ZodValidationPipe(id, 'params')) environmentId: string, @CurrentPrincipal() principal: Principal) {
    return this.proxy.request(orgId, wireActorOf(principal), 'dashboard.environments.get', { environmentId });
  }

  @RequirePermission('environments', 'admin')
  @Patch()
  update(
    @Param('orgId') orgId: string,
    @Param('environmentId', new ZodValidationPipe(id, 'params')) environmentId: string,
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodValidationPipe(updateSchema)) updates: z.infer<typeof updateSchema>,
  ) {
    return this.writes.send(orgId, principal, 'dashboard.environments.update', { environmentId, updates }, {
      action: 'environment.update',
      targetId: environmentId,
      details: { fields: Object.keys(updates).sort() },
    });
  }

  /** Gated like writing a secret: local execution can read the environment's secrets. */
  @RequirePermission('secrets', 'write')
  @Put('test-access')
  setTestAccess(
    @Param('orgId') orgId: string,
    @Param('environmentId', new ZodValidationPipe(id, 'params')) environmentId: string,
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodValidationPipe(testAccessSchema)) body: z.infer<typeof testAccessSchema>,
  ) {
    return this.writes.send(orgId, principal, 'dashboard.environments.test_access.set', { environmentId, ...body }, {
      action: 'environment.test_access.set',
      targetId: environmentId,
      details: body,
    });
  }

  @RequirePermission('environments', 'admin')
  @Delete()
  remove(@Param('orgId') orgId: string, @Param('environmentId', new ZodValidationPipe(id, 'params')) environmentId: string, @CurrentPrincipal() principal: Principal) {
    return this.writes.send(orgId, principal, 'dashboard.environments.delete', { environmentId }, { action: 'environment.delete', targetId: environmentId });
  }

  /** The orchestrator keys history by name: the environment is looked up first. */
  @RequirePermission('environments', 'read')
  @Get('history')
  async history(
    @Param('orgId') orgId: string,
    @Param('environmentId', new ZodValidationPipe(id, 'params')) environmentId: string,
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodValidationPipe(historySchema, 'query')) query: z.infer<typeof historySchema>,
  ) {
    const actor = wireActorOf(principal);
    const { environment } = await this.proxy.request(orgId, actor, 'dashboard.environments.get', { environmentId });
    const name = (environment as { name?: unknown } | null | undefined)?.name;
    if (typeof name !== 'string') return { runs: [] };
    return this.proxy.request(orgId, actor, 'dashboard.environments.history', { environmentName: name, ...query });
  }

  @RequirePermission('environments', 'read')
  @Get('variables')
  variables(@Param('orgId') orgId: string, @Param('environmentId', new ZodValidationPipe(id, 'params')) environmentId: string, @CurrentPrincipal() principal: Principal) {
    return this.proxy.request(orgId, wireActorOf(principal), 'dashboard.environments.variables.list', { environmentId });
  }

  @RequirePermission('environments', 'write')
  @Put('variables/:key')
  setVariable(
    @Param('orgId') orgId: string,
    @Param('environmentId', new ZodValidationPipe(id, 'params')) environmentId: string,
    @Param('key', new ZodValidationPipe(key, 'params')) variable: string,
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodValidationPipe(variableSchema)) body: z.infer<typeof variableSchema>,
  ) {
    return this.writes.send(orgId, principal, 'dashboard.environments.variables.set', { environmentId, key: variable, ...body }, {
      action: 'env_var.set',
      targetId: environmentId,
      details: { key: variable, locked: body.locked ?? false },
    });
  }

  @RequirePermission('environments', 'write')
  @Delete('variables/:key')
  deleteVariable(
    @Param('orgId') orgId: string,
    @Param('environmentId', new ZodValidationPipe(id, 'params')) environmentId: string,
    @Param('key', new ZodValidationPipe(key, 'params')) variable: string,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.writes.send(orgId, principal, 'dashboard.environments.variables.delete', { environmentId, key: variable }, {
      action: 'env_var.delete',
      targetId: environmentId,
      details: { key: variable },
    });
  }

  @RequirePermission('environments', 'read')
  @Get('source-overrides/:routingKey')
  overrides(
    @Param('orgId') orgId: string,
    @Param('environmentId', new ZodValidationPipe(id, 'params')) environmentId: string,
    @Param('routingKey', new ZodValidationPipe(routingKey, 'params')) source: string,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.proxy.request(orgId, wireActorOf(principal), 'dashboard.environments.source-overrides.list', { environmentId, routingKey: source });
  }

  @RequirePermission('environments', 'write')
  @Put('source-overrides/:routingKey/:key')
  setOverride(
    @Param('orgId') orgId: string,
    @Param('environmentId', new ZodValidationPipe(id, 'params')) environmentId: string,
    @Param('routingKey', new ZodValidationPipe(routingKey, 'params')) source: string,
    @Param('key', new ZodValidationPipe(key, 'params')) variable: string,
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodValidationPipe(overrideSchema)) body: z.infer<typeof overrideSchema>,
  ) {
    return this.writes.send(orgId, principal, 'dashboard.environments.source-overrides.set', { environmentId, routingKey: source, key: variable, value: body.value }, {
      action: 'source_override.set',
      targetId: environmentId,
      details: { routingKey: source, key: variable },
    });
  }

  @RequirePermission('environments', 'write')
  @Delete('source-overrides/:routingKey/:key')
  deleteOverride(
    @Param('orgId') orgId: string,
    @Param('environmentId', new ZodValidationPipe(id, 'params')) environmentId: string,
    @Param('routingKey', new ZodValidationPipe(routingKey, 'params')) source: string,
    @Param('key', new ZodValidationPipe(key, 'params')) variable: string,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.writes.send(orgId, principal, 'dashboard.environments.source-overrides.delete', { environmentId, routingKey: source, key: variable }, {
      action: 'source_override.delete',
      targetId: environmentId,
      details: { routingKey: source, key: variable },
    });
  }

  @RequirePermission('environments', 'read')
  @Get('bindings')
  bindings(@Param('orgId') orgId: string, @Param('environmentId', new ZodValidationPipe(id, 'params')) environmentId: string, @CurrentPrincipal() principal: Principal) {
    return this.proxy.request(orgId, wireActorOf(principal), 'dashboard.environments.bindings.list', { environmentId });
  }

  @RequirePermission('environments', 'write')
  @Put('bindings')
  setBindings(
    @Param('orgId') orgId: string,
    @Param('environmentId', new ZodValidationPipe(id, 'params')) environmentId: string,
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodValidationPipe(bindingsSchema)) body: z.infer<typeof bindingsSchema>,
  ) {
    return this.writes.send(orgId, principal, 'dashboard.environments.bindings.set', { environmentId, bindings: body.bindings }, {
      action: 'env_binding.set',
      targetId: environmentId,
      details: { bindings: body.bindings },
    });
  }
}

/** Creating an environment lives on the collection. */
@Controller('api/v1/orgs/:orgId/environments')
export class EnvironmentCreationController {
  constructor(private readonly writes: RelayedWrite) {}

  @RequirePermission('environments', 'admin')
  @Post()
  @HttpCode(201)
  create(@Param('orgId') orgId: string, @CurrentPrincipal() principal: Principal, @Body(new ZodValidationPipe(createSchema)) body: z.infer<typeof createSchema>) {
    return this.writes.send(orgId, principal, 'dashboard.environments.create', body, { action: 'environment.create', targetId: body.name, details: { envType: body.envType } });
  }
}
