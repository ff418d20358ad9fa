import { Controller, Get, Param, Query } from '@nestjs/common';
import { z } from 'zod';
import { CurrentPrincipal } from '../../../shared/auth/current-principal.decorator.js';
import type { Principal } from '../../../shared/auth/principal.js';
import { RequirePermission } from '../../../shared/auth/route-access.js';
import { ZodValidationPipe } from '../../../shared/validation/zod-validation.pipe.js';
import { OrchestratorProxy, wireActorOf } from '../../orchestrator-gateway/index.js';

const clusterName = z.string().trim().min(1).max(128);
const querySchema = z.object({ limit: z.coerce.number().int().min(1).max(200).optional(), cursor: z.string().min(1).max(1000).optional() }).strict();

/**
 * One cluster's own view of its runs (platform-domain §9.5; protocol #7), paged by its cursor — unlike
 * `GET runs`, which is the Platform's projection across clusters.
 */
@Controller('api/v1/orgs/:orgId/orchestrators/:clusterName/runs')
export class ClusterRunsController {
  constructor(private readonly proxy: OrchestratorProxy) {}

  @RequirePermission('runs', 'read')
  @Get()
  list(
    @Param('orgId') orgId: string,
    @Param('clusterName', new ZodValidationPipe(clusterName, 'params')) cluster: string,
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodValidationPipe(querySchema, 'query')) query: z.infer<typeof querySchema>,
  ) {
    return this.proxy.request(orgId, wireActorOf(principal), 'dashboard.runs.list', query, { cluster });
  }
}
