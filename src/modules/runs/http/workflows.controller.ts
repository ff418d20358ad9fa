import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { z } from 'zod';
import { CurrentPrincipal } from '../../../shared/auth/current-principal.decorator.js';
import type { Principal } from '../../../shared/auth/principal.js';
import { RequirePermission } from '../../../shared/auth/route-access.js';
import { ZodValidationPipe } from '../../../shared/validation/zod-validation.pipe.js';
import { OrchestratorProxy, wireActorOf } from '../../orchestrator-gateway/index.js';
import { RelayedWrite } from './relayed-write.js';

const registrationId = z.string().trim().min(1).max(256);
const disableSchema = z.object({ disabled: z.boolean() }).strict();
const deleteQuerySchema = z.object({ cancelActiveRuns: z.enum(['true', 'false']).optional() }).strict();
const workflowsQuerySchema = z.object({ triggerType: z.string().trim().min(1).max(64).optional(), repoIdentifier: z.string().trim().min(1).max(256).optional() }).strict();
const repoRules = z
  .array(z.object({ routingKey: z.string().min(1).max(256).optional(), pattern: z.string().min(1).max(256) }).strict())
  .max(500)
  .nullable()
  .optional();
const globalWorkflowsSchema = z
  .object({ enabled: z.boolean().optional(), allowedRepos: repoRules, deniedRepos: repoRules, elevatedRepos: repoRules })
  .strict()
  .refine((body) => Object.keys(body).length > 0, { message: 'Nothing to update' });

/**
 * Workflow registrations beyond the list (platform-domain §9.7): disable, delete, "run now", the
 * `workflows` alias, and the org's global-workflow settings (protocol #40–41, #11, #63–64).
 */
@Controller('api/v1/orgs/:orgId')
export class WorkflowsController {
  constructor(
    private readonly proxy: OrchestratorProxy,
    private readonly writes: RelayedWrite,
  ) {}

  /** The workflow definitions the orchestrators know: the registrations, under the name the dashboard uses. */
  @RequirePermission('workflows', 'read')
  @Get('workflows')
  workflows(@Param('orgId') orgId: string, @CurrentPrincipal() principal: Principal, @Query(new ZodValidationPipe(workflowsQuerySchema, 'query')) query: z.infer<typeof workflowsQuerySchema>) {
    return this.proxy.request(orgId, wireActorOf(principal), 'dashboard.registrations.list', query);
  }

  @RequirePermission('workflows', 'write')
  @Patch('registrations/:registrationId')
  disable(
    @Param('orgId') orgId: string,
    @Param('registrationId', new ZodValidationPipe(registrationId, 'params')) id: string,
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodValidationPipe(disableSchema)) body: z.infer<typeof disableSchema>,
  ) {
    return this.writes.send(orgId, principal, 'dashboard.registration.disable', { registrationId: id, disabled: body.disabled }, {
      action: 'registration.disable',
      targetId: id,
      details: body,
    });
  }

  @RequirePermission('workflows', 'admin')
  @Delete('registrations/:registrationId')
  remove(
    @Param('orgId') orgId: string,
    @Param('registrationId', new ZodValidationPipe(registrationId, 'params')) id: string,
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodValidationPipe(deleteQuerySchema, 'query')) query: z.infer<typeof deleteQuerySchema>,
  ) {
    const cancelActiveRuns = query.cancelActiveRuns === 'true';
    return this.writes.send(orgId, principal, 'dashboard.registration.delete', { registrationId: id, ...(cancelActiveRuns ? { cancelActiveRuns } : {}) }, {
      action: 'registration.delete',
      targetId: id,
      details: { cancelActiveRuns },
    });
  }

  @RequirePermission('runs', 'write')
  @Post('registrations/:registrationId/run')
  @HttpCode(200)
  runNow(@Param('orgId') orgId: string, @Param('registrationId', new ZodValidationPipe(registrationId, 'params')) id: string, @CurrentPrincipal() principal: Principal) {
    return this.writes.send(orgId, principal, 'run.manual_schedule.request', { registrationId: id }, { action: 'run.manual_schedule', targetId: id });
  }

  @RequirePermission('workflows', 'read')
  @Get('global-workflows')
  globalWorkflows(@Param('orgId') orgId: string, @CurrentPrincipal() principal: Principal) {
    return this.proxy.request(orgId, wireActorOf(principal), 'dashboard.global-workflows.get', {});
  }

  @RequirePermission('workflows', 'admin')
  @Put('global-workflows')
  updateGlobalWorkflows(@Param('orgId') orgId: string, @CurrentPrincipal() principal: Principal, @Body(new ZodValidationPipe(globalWorkflowsSchema)) body: z.infer<typeof globalWorkflowsSchema>) {
    return this.writes.send(orgId, principal, 'dashboard.global-workflows.update', body, { action: 'global_workflows.update', targetId: orgId, details: { fields: Object.keys(body).sort() } });
  }
}
