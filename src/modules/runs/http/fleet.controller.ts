import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { CurrentPrincipal } from '../../../shared/auth/current-principal.decorator.js';
import type { Principal } from '../../../shared/auth/principal.js';
import { RequirePermission } from '../../../shared/auth/route-access.js';
import { DomainError } from '../../../shared/errors/domain-error.js';
import { ZodValidationPipe } from '../../../shared/validation/zod-validation.pipe.js';
import { OrchestratorProxy, wireActorOf } from '../../orchestrator-gateway/index.js';
import { RelayedWrite } from './relayed-write.js';

const agentId = z.string().trim().min(1).max(256);
const previewSchema = z.object({ workflowName: z.string().trim().min(1).max(256) }).strict();
const declareSchema = z
  .object({
    agentId,
    labels: z.array(z.string().min(1).max(128)).max(100).optional(),
    hostname: z.string().trim().min(1).max(253).optional(),
    properties: z.record(z.string().max(128), z.union([z.string().max(1024), z.number(), z.boolean()])).optional(),
  })
  .strict()
  .refine((body) => Object.keys(body.properties ?? {}).length <= 100, { message: 'At most 100 properties', path: ['properties'] });

/** The orchestrator's fleet of hosts (platform-domain §9.7; protocol #43–48): inventory, preview, declare, remove. */
@Controller('api/v1/orgs/:orgId/fleet')
export class FleetController {
  constructor(
    private readonly proxy: OrchestratorProxy,
    private readonly writes: RelayedWrite,
  ) {}

  @RequirePermission('fleet', 'read')
  @Get('hosts')
  hosts(@Param('orgId') orgId: string, @CurrentPrincipal() principal: Principal) {
    return this.proxy.request(orgId, wireActorOf(principal), 'dashboard.fleet.hosts', {});
  }

  @RequirePermission('fleet', 'read')
  @Get('hosts/:agentId')
  host(@Param('orgId') orgId: string, @Param('agentId', new ZodValidationPipe(agentId, 'params')) id: string, @CurrentPrincipal() principal: Principal) {
    return this.proxy.request(orgId, wireActorOf(principal), 'dashboard.fleet.host', { agentId: id });
  }

  @RequirePermission('fleet', 'read')
  @Get('hosts/:agentId/workflows')
  hostWorkflows(@Param('orgId') orgId: string, @Param('agentId', new ZodValidationPipe(agentId, 'params')) id: string, @CurrentPrincipal() principal: Principal) {
    return this.proxy.request(orgId, wireActorOf(principal), 'dashboard.fleet.workflows-for-host', { agentId: id });
  }

  @RequirePermission('fleet', 'read')
  @Get('preview')
  preview(@Param('orgId') orgId: string, @CurrentPrincipal() principal: Principal, @Query(new ZodValidationPipe(previewSchema, 'query')) query: z.infer<typeof previewSchema>) {
    return this.proxy.request(orgId, wireActorOf(principal), 'dashboard.fleet.preview', query);
  }

  @RequirePermission('fleet', 'write')
  @Post('hosts')
  @HttpCode(200)
  declare(@Param('orgId') orgId: string, @CurrentPrincipal() principal: Principal, @Body(new ZodValidationPipe(declareSchema)) body: z.infer<typeof declareSchema>) {
    return this.writes.send(orgId, principal, 'dashboard.fleet.host.declare', body, { action: 'fleet.host.declare', targetId: body.agentId, details: { labels: body.labels ?? [] } });
  }

  /** `removed: false` from the orchestrator means there was no such host. */
  @RequirePermission('fleet', 'write')
  @Delete('hosts/:agentId')
  async remove(@Param('orgId') orgId: string, @Param('agentId', new ZodValidationPipe(agentId, 'params')) id: string, @CurrentPrincipal() principal: Principal) {
    const answer = await this.proxy.request(orgId, wireActorOf(principal), 'dashboard.fleet.host.remove', { agentId: id });
    if (answer.removed === false) throw new DomainError('GATEWAY.NOT_FOUND', 'Host not found');
    return this.writes.record(orgId, principal, { action: 'fleet.host.remove', targetId: id }, answer);
  }
}
