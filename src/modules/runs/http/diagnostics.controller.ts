import { Controller, Get, Param } from '@nestjs/common';
import { CurrentPrincipal } from '../../../shared/auth/current-principal.decorator.js';
import type { Principal } from '../../../shared/auth/principal.js';
import { RequirePermission } from '../../../shared/auth/route-access.js';
import { wireActorOf } from '../../orchestrator-gateway/index.js';
import { DiagnosticsService, type DiagnosticsSummary, type InfrastructureView } from '../application/diagnostics/diagnostics.service.js';

/** No resource is documented for diagnostics; reading them takes `runs:read` (platform-domain §9.9 proposal). */
@Controller('api/v1/orgs/:orgId/diagnostics')
export class DiagnosticsController {
  constructor(private readonly diagnostics: DiagnosticsService) {}

  @RequirePermission('runs', 'read')
  @Get()
  summary(@Param('orgId') orgId: string): Promise<DiagnosticsSummary> {
    return this.diagnostics.summary(orgId);
  }

  @RequirePermission('runs', 'read')
  @Get('infrastructure')
  infrastructure(@Param('orgId') orgId: string, @CurrentPrincipal() principal: Principal): Promise<InfrastructureView> {
    return this.diagnostics.infrastructure(orgId, wireActorOf(principal));
  }
}
