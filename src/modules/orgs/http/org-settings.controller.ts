import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { z } from 'zod';
import { CurrentPrincipal } from '../../../shared/auth/current-principal.decorator.js';
import { actorOf, type Principal } from '../../../shared/auth/principal.js';
import { RequirePermission } from '../../../shared/auth/route-access.js';
import { ZodValidationPipe } from '../../../shared/validation/zod-validation.pipe.js';
import { SetSupportAccessCommand } from '../application/commands/set-support-access/set-support-access.command.js';
import { UpdateTrustPolicyCommand } from '../application/commands/update-trust-policy/update-trust-policy.command.js';
import {
  type BillingView,
  GetBillingQuery,
  GetSupportAccessQuery,
  GetTrustPolicyQuery,
  type TrustPolicyView,
} from '../application/queries/org-settings/org-settings.queries.js';

const trustPolicySchema = z
  .object({
    forkPolicy: z.enum(['hold', 'reject', 'allow']),
    unknownContributorPolicy: z.enum(['hold', 'reject']),
    workflowChangePolicy: z.enum(['hold', 'reject', 'allow']),
    approvalExpiryHours: z.number().int().min(1).max(720),
  })
  .strict();

const supportAccessSchema = z.object({ enabled: z.boolean() }).strict();

/** Organization configuration: CI trust policy, billing (self-hosted: usage only), support access. */
@Controller('api/v1/orgs/:orgId')
export class OrgSettingsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @RequirePermission('ci_trust', 'read')
  @Get('trust-policies')
  trustPolicy(@Param('orgId') orgId: string): Promise<TrustPolicyView> {
    return this.queries.execute(new GetTrustPolicyQuery(orgId));
  }

  @RequirePermission('ci_trust', 'admin')
  @Put('trust-policies')
  updateTrustPolicy(
    @Param('orgId') orgId: string,
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodValidationPipe(trustPolicySchema)) body: z.infer<typeof trustPolicySchema>,
  ): Promise<TrustPolicyView> {
    return this.commands.execute(new UpdateTrustPolicyCommand(actorOf(principal), orgId, body));
  }

  @RequirePermission('billing', 'read')
  @Get('billing')
  billing(@Param('orgId') orgId: string): Promise<BillingView> {
    return this.queries.execute(new GetBillingQuery(orgId));
  }

  @RequirePermission('support', 'read')
  @Get('support')
  supportAccess(@Param('orgId') orgId: string): Promise<{ enabled: boolean }> {
    return this.queries.execute(new GetSupportAccessQuery(orgId));
  }

  @RequirePermission('support', 'admin')
  @Put('support')
  setSupportAccess(
    @Param('orgId') orgId: string,
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodValidationPipe(supportAccessSchema)) body: z.infer<typeof supportAccessSchema>,
  ): Promise<{ enabled: boolean }> {
    return this.commands.execute(new SetSupportAccessCommand(actorOf(principal), orgId, body.enabled));
  }
}
