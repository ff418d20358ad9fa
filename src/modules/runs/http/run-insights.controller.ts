import { Controller, Get, Param, Query } from '@nestjs/common';
import { z } from 'zod';
import { CurrentOrgAccess, CurrentPrincipal } from '../../../shared/auth/current-principal.decorator.js';
import type { OrgAccess } from '../../../shared/auth/org-access.js';
import type { Principal } from '../../../shared/auth/principal.js';
import { RequirePermission } from '../../../shared/auth/route-access.js';
import { DomainError } from '../../../shared/errors/domain-error.js';
import { ZodValidationPipe } from '../../../shared/validation/zod-validation.pipe.js';
import { OrchestratorProxy, wireActorOf } from '../../orchestrator-gateway/index.js';
import { RunLocator } from '../application/run-locator.js';

const jobId = z.string().trim().min(1).max(128);
const attestationId = z.string().trim().min(1).max(256);
const attestationsQuerySchema = z
  .object({
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    sort: z.string().trim().min(1).max(64).optional(),
    digest: z.string().trim().min(1).max(256).optional(),
    name: z.string().trim().min(1).max(256).optional(),
    status: z.string().trim().min(1).max(64).optional(),
    repository: z.string().trim().min(1).max(256).optional(),
    workflow: z.string().trim().min(1).max(256).optional(),
    job: z.string().trim().min(1).max(256).optional(),
    createdAfter: z.iso.datetime({ offset: true }).optional(),
    createdBefore: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();

/**
 * More views of runs held by orchestrators (platform-domain §9.5; protocol #2, #4–6, #8, #14): list
 * filters, a run's structured result, provisioning logs and attestations. Run-scoped reads go to the
 * cluster that reported the run.
 */
@Controller('api/v1/orgs/:orgId')
export class RunInsightsController {
  constructor(
    private readonly proxy: OrchestratorProxy,
    private readonly locator: RunLocator,
  ) {}

  @RequirePermission('runs', 'read')
  @Get('runs/filters')
  filters(@Param('orgId') orgId: string, @CurrentPrincipal() principal: Principal) {
    return this.proxy.request(orgId, wireActorOf(principal), 'dashboard.runs.filters', {});
  }

  /** The infrastructure timeline the orchestrators reported (`run.event`), from the Platform's own store. */
  @RequirePermission('runs', 'read')
  @Get('runs/:runId/events')
  async events(@Param('orgId') orgId: string, @Param('runId') runId: string, @CurrentOrgAccess() access: OrgAccess) {
    const run = await this.locator.locate(orgId, runId, access.repoPatterns);
    if (run.status === null) throw new DomainError('RUNS.NOT_FOUND', 'Run not found');
    return { events: await this.locator.events(orgId, runId) };
  }

  @RequirePermission('runs', 'read')
  @Get('runs/:runId/structured')
  async structured(@Param('orgId') orgId: string, @Param('runId') runId: string, @CurrentPrincipal() principal: Principal, @CurrentOrgAccess() access: OrgAccess) {
    const run = await this.locator.locate(orgId, runId, access.repoPatterns);
    return RunLocator.read(run, this.proxy.request(orgId, wireActorOf(principal), 'dashboard.run.structured', { runId }, { recordedCluster: run.clusterName }));
  }

  @RequirePermission('runs', 'read')
  @Get('runs/:runId/jobs/:jobId/orch-logs')
  async orchestratorLogs(
    @Param('orgId') orgId: string,
    @Param('runId') runId: string,
    @Param('jobId', new ZodValidationPipe(jobId, 'params')) job: string,
    @CurrentPrincipal() principal: Principal,
    @CurrentOrgAccess() access: OrgAccess,
  ) {
    const run = await this.locator.locate(orgId, runId, access.repoPatterns);
    return RunLocator.read(run, this.proxy.request(orgId, wireActorOf(principal), 'dashboard.orch.logs', { runId, jobId: job }, { recordedCluster: run.clusterName }));
  }

  /** The Platform adds where to verify the bundles; it runs no provenance issuer of its own, so both are null. */
  @RequirePermission('runs', 'read')
  @Get('runs/:runId/attestations')
  async runAttestations(@Param('orgId') orgId: string, @Param('runId') runId: string, @CurrentPrincipal() principal: Principal, @CurrentOrgAccess() access: OrgAccess) {
    const run = await this.locator.locate(orgId, runId, access.repoPatterns);
    const answer = await RunLocator.read(run, this.proxy.request(orgId, wireActorOf(principal), 'dashboard.attestations.list', { runId }, { recordedCluster: run.clusterName }));
    return { ...answer, trustedIssuer: null, jwksUri: null };
  }

  @RequirePermission('runs', 'read')
  @Get('attestations')
  attestations(@Param('orgId') orgId: string, @CurrentPrincipal() principal: Principal, @Query(new ZodValidationPipe(attestationsQuerySchema, 'query')) query: z.infer<typeof attestationsQuerySchema>) {
    const { page, sort, ...filters } = query;
    return this.proxy.request(orgId, wireActorOf(principal), 'dashboard.attestations.list.all', { page, ...(sort ? { sort } : {}), filters });
  }

  @RequirePermission('runs', 'read')
  @Get('attestations/:attestationId')
  attestation(@Param('orgId') orgId: string, @Param('attestationId', new ZodValidationPipe(attestationId, 'params')) id: string, @CurrentPrincipal() principal: Principal) {
    return this.proxy.request(orgId, wireActorOf(principal), 'dashboard.attestation.get', { attestationId: id });
  }
}
