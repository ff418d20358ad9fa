import { Controller, Get, Param, Query } from '@nestjs/common';
import { z } from 'zod';
import { CurrentPrincipal } from '../../../shared/auth/current-principal.decorator.js';
import type { Principal } from '../../../shared/auth/principal.js';
import { RequirePermission } from '../../../shared/auth/route-access.js';
import { ZodValidationPipe } from '../../../shared/validation/zod-validation.pipe.js';
import { OrchestratorProxy, wireActorOf } from '../../orchestrator-gateway/index.js';

const registrationsQuerySchema = z
  .object({
    triggerType: z.string().trim().min(1).max(64).optional(),
    repoIdentifier: z.string().trim().min(1).max(256).optional(),
  })
  .strict();

/** `kici workflows list` (cli-contract §3.8): the orchestrator's workflow registrations, proxied. */
@Controller('api/v1/orgs/:orgId/registrations')
export class RegistrationsController {
  constructor(private readonly proxy: OrchestratorProxy) {}

  @RequirePermission('workflows', 'read')
  @Get()
  list(
    @Param('orgId') orgId: string,
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodValidationPipe(registrationsQuerySchema, 'query')) query: z.infer<typeof registrationsQuerySchema>,
  ): Promise<Record<string, unknown>> {
    return this.proxy.request(orgId, wireActorOf(principal), 'dashboard.registrations.list', query);
  }
}
