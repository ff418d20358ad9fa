import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { z } from 'zod';
import { CurrentOrgAccess, CurrentPrincipal } from '../../../shared/auth/current-principal.decorator.js';
import type { OrgAccess } from '../../../shared/auth/org-access.js';
import { actorOf, type Principal } from '../../../shared/auth/principal.js';
import { RequirePermission } from '../../../shared/auth/route-access.js';
import { DomainError } from '../../../shared/errors/domain-error.js';
import { ZodValidationPipe } from '../../../shared/validation/zod-validation.pipe.js';
import { OrchestratorProxy, wireActorOf } from '../../orchestrator-gateway/index.js';
import { RecordRunActionCommand } from '../application/commands/record-run-action/record-run-action.js';
import { RerunCooldown } from '../application/rerun-cooldown.js';
import { RunLocator } from '../application/run-locator.js';
import { stringifyActor } from './actor-string.js';

const cancelSchema = z.object({ force: z.boolean().optional() }).strict().optional();

/**
 * What the CLI does to one run (cli-contract §3.5): detail, step logs, rerun, cancel — relayed to the
 * cluster that reported the run, with the caller as actor.
 */
@Controller('api/v1/orgs/:orgId/runs/:runId')
export class RunActionsController {
  constructor(
    private readonly proxy: OrchestratorProxy,
    private readonly locator: RunLocator,
    private readonly cooldown: RerunCooldown,
    private readonly commands: CommandBus,
  ) {}

  @RequirePermission('runs', 'read')
  @Get('detail')
  async detail(@Param('orgId') orgId: string, @Param('runId') runId: string, @CurrentPrincipal() principal: Principal, @CurrentOrgAccess() access: OrgAccess) {
    const run = await this.locator.locate(orgId, runId, access.repoPatterns);
    return RunLocator.read(run, this.proxy.request(orgId, wireActorOf(principal), 'dashboard.run.detail', { runId }, { recordedCluster: run.clusterName }));
  }

  @RequirePermission('runs', 'read')
  @Get('jobs/:jobId/steps/:stepIndex/logs')
  async stepLogs(
    @Param('orgId') orgId: string,
    @Param('runId') runId: string,
    @Param('jobId') jobId: string,
    @Param('stepIndex') stepIndex: string,
    @CurrentPrincipal() principal: Principal,
    @CurrentOrgAccess() access: OrgAccess,
  ) {
    if (!/^\d{1,6}$/.test(stepIndex) || jobId.length > 128) throw new DomainError('RUNS.NOT_FOUND', 'Step not found');
    const run = await this.locator.locate(orgId, runId, access.repoPatterns);
    return RunLocator.read(run, this.proxy.request(orgId, wireActorOf(principal), 'dashboard.step.logs', { runId, jobId, stepIndex: Number(stepIndex) }, { recordedCluster: run.clusterName }));
  }

  /**
   * The webhook payload that started the run. It can hold anything the provider sent, so it needs
   * `event_log:read_payload` (platform-domain §9.5 [P]), not just `runs:read`.
   */
  @RequirePermission('event_log', 'read_payload')
  @Get('payload')
  async payload(@Param('orgId') orgId: string, @Param('runId') runId: string, @CurrentPrincipal() principal: Principal, @CurrentOrgAccess() access: OrgAccess) {
    const run = await this.locator.locate(orgId, runId, access.repoPatterns);
    return RunLocator.read(run, this.proxy.request(orgId, wireActorOf(principal), 'dashboard.payload', { runId }, { recordedCluster: run.clusterName }));
  }

  /** Lineage: runs re-run from this one (platform-domain §9.5), from the projection. */
  @RequirePermission('runs', 'read')
  @Get('reruns')
  async reruns(@Param('orgId') orgId: string, @Param('runId') runId: string, @CurrentOrgAccess() access: OrgAccess) {
    await this.locator.locate(orgId, runId, access.repoPatterns);
    return { reruns: await this.locator.reruns(orgId, runId) };
  }

  /** At most one rerun per run per cooldown (429 otherwise). */
  @RequirePermission('runs', 'write')
  @Post('rerun')
  @HttpCode(200)
  async rerun(@Param('orgId') orgId: string, @Param('runId') runId: string, @CurrentPrincipal() principal: Principal, @CurrentOrgAccess() access: OrgAccess) {
    const run = await this.locator.locate(orgId, runId, access.repoPatterns);
    await this.cooldown.claim(orgId, runId);
    const answer = await this.proxy.request(
      orgId,
      wireActorOf(principal),
      'run.rerun.request',
      { runId, ...(run.routingKey ? { routingKey: run.routingKey } : {}) },
      { recordedCluster: run.clusterName },
    );
    await this.commands.execute(new RecordRunActionCommand(actorOf(principal), orgId, 'run.rerun', runId, { newRunId: answer.newRunId ?? null }));
    return answer;
  }

  /** 409 for a run the projection knows is finished; otherwise the orchestrator decides. */
  @RequirePermission('runs', 'write')
  @Post('cancel')
  @HttpCode(200)
  async cancel(
    @Param('orgId') orgId: string,
    @Param('runId') runId: string,
    @CurrentPrincipal() principal: Principal,
    @CurrentOrgAccess() access: OrgAccess,
    @Body(new ZodValidationPipe(cancelSchema)) body: z.infer<typeof cancelSchema>,
  ) {
    const run = await this.locator.locate(orgId, runId, access.repoPatterns);
    if (RunLocator.isTerminal(run.status)) throw new DomainError('RUNS.ALREADY_TERMINAL', 'Already in a terminal state.');
    const actor = wireActorOf(principal);
    const answer = await this.proxy.request(orgId, actor, 'run.cancel.request', { runId, ...(body?.force ? { force: true } : {}) }, { recordedCluster: run.clusterName });
    await this.commands.execute(new RecordRunActionCommand(actorOf(principal), orgId, 'run.cancel', runId, { force: body?.force ?? false }, stringifyActor(actor)));
    return answer;
  }
}
