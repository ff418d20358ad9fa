import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { CurrentPrincipal } from '../../../shared/auth/current-principal.decorator.js';
import type { Principal } from '../../../shared/auth/principal.js';
import { RequireAnyPermission, RequirePermission } from '../../../shared/auth/route-access.js';
import { ZodValidationPipe } from '../../../shared/validation/zod-validation.pipe.js';
import { OrchestratorProxy, wireActorOf } from '../../orchestrator-gateway/index.js';
import { RelayedWrite } from './relayed-write.js';

const listSchema = z
  .object({
    runId: z.string().min(1).max(128).optional(),
    status: z.enum(['pending', 'approved', 'rejected', 'expired']).optional(),
    queueType: z.enum(['environment', 'security']).optional(),
  })
  .strict();
const approveQuerySchema = z.object({ auto: z.enum(['1', 'true']).optional() }).strict();
const rejectSchema = z.object({ reason: z.string().trim().max(2000).optional() }).strict().optional();
const heldRunId = z.string().min(1).max(128);

/**
 * `kici approve|reject` (cli-contract §3.9): holds live on the orchestrator, which also checks each
 * clause's eligibility; the Platform requires `environments:write` or `ci_trust:write` to ask.
 */
@Controller('api/v1/orgs/:orgId/held-runs')
export class HeldRunsController {
  constructor(
    private readonly proxy: OrchestratorProxy,
    private readonly writes: RelayedWrite,
  ) {}

  @RequirePermission('environments', 'read')
  @Get()
  list(@Param('orgId') orgId: string, @CurrentPrincipal() principal: Principal, @Query(new ZodValidationPipe(listSchema, 'query')) query: z.infer<typeof listSchema>) {
    return this.proxy.request(orgId, wireActorOf(principal), 'dashboard.held-runs.list', query);
  }

  @RequireAnyPermission({ resource: 'environments', level: 'write' }, { resource: 'ci_trust', level: 'write' })
  @Post(':heldRunId/approve')
  @HttpCode(200)
  approve(
    @Param('orgId') orgId: string,
    @Param('heldRunId', new ZodValidationPipe(heldRunId, 'params')) id: string,
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodValidationPipe(approveQuerySchema, 'query')) query: z.infer<typeof approveQuerySchema>,
  ) {
    const autoApprove = query.auto !== undefined;
    return this.writes.send(orgId, principal, 'dashboard.held-runs.approve', { heldRunId: id, ...(autoApprove ? { autoApprove } : {}) }, {
      action: 'held_run.approve',
      targetId: id,
      details: { autoApprove },
    });
  }

  @RequireAnyPermission({ resource: 'environments', level: 'write' }, { resource: 'ci_trust', level: 'write' })
  @Post(':heldRunId/reject')
  @HttpCode(200)
  reject(
    @Param('orgId') orgId: string,
    @Param('heldRunId', new ZodValidationPipe(heldRunId, 'params')) id: string,
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodValidationPipe(rejectSchema)) body: z.infer<typeof rejectSchema>,
  ) {
    return this.writes.send(orgId, principal, 'dashboard.held-runs.reject', { heldRunId: id, ...(body?.reason ? { reason: body.reason } : {}) }, {
      action: 'held_run.reject',
      targetId: id,
      details: { reason: body?.reason ?? null },
    });
  }
}
