import { Controller, Get, Param, Query } from '@nestjs/common';
import { z } from 'zod';
import { CurrentOrgAccess, CurrentPrincipal } from '../../../shared/auth/current-principal.decorator.js';
import type { OrgAccess } from '../../../shared/auth/org-access.js';
import { levelRank } from '../../../shared/auth/permissions.js';
import type { Principal } from '../../../shared/auth/principal.js';
import { RequirePermission } from '../../../shared/auth/route-access.js';
import { DomainError } from '../../../shared/errors/domain-error.js';
import { ZodValidationPipe } from '../../../shared/validation/zod-validation.pipe.js';
import { OrchestratorProxy, wireActorOf } from '../../orchestrator-gateway/index.js';

const environmentsQuerySchema = z.object({ includeSecrets: z.enum(['true', 'false']).optional() }).strict();

/** `kici secrets list` / `kici types` (cli-contract §3.6): environments, with secret names on request. */
@Controller('api/v1/orgs/:orgId/environments')
export class EnvironmentsController {
  constructor(private readonly proxy: OrchestratorProxy) {}

  /** Secret names (never values) need `secrets:read` on top of `environments:read`. */
  @RequirePermission('environments', 'read')
  @Get()
  list(
    @Param('orgId') orgId: string,
    @CurrentPrincipal() principal: Principal,
    @CurrentOrgAccess() access: OrgAccess,
    @Query(new ZodValidationPipe(environmentsQuerySchema, 'query')) query: z.infer<typeof environmentsQuerySchema>,
  ): Promise<Record<string, unknown>> {
    const includeSecrets = query.includeSecrets === 'true';
    if (includeSecrets && levelRank(access.permissions.secrets) < levelRank('read')) {
      throw new DomainError('RBAC.FORBIDDEN', 'Insufficient permission: secrets.read needed');
    }
    return this.proxy.request(orgId, wireActorOf(principal), 'dashboard.environments.list', includeSecrets ? { includeSecrets: true } : {});
  }
}
