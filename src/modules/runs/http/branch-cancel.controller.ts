import { Body, Controller, HttpCode, Logger, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { z } from 'zod';
import { CurrentOrgAccess, CurrentPrincipal } from '../../../shared/auth/current-principal.decorator.js';
import type { OrgAccess } from '../../../shared/auth/org-access.js';
import { actorOf, type Principal } from '../../../shared/auth/principal.js';
import { RequirePermission } from '../../../shared/auth/route-access.js';
import { ZodValidationPipe } from '../../../shared/validation/zod-validation.pipe.js';
import { OrchestratorProxy, wireActorOf } from '../../orchestrator-gateway/index.js';
import { RecordRunActionCommand } from '../application/commands/record-run-action/record-run-action.js';
import { RunLocator } from '../application/run-locator.js';
import { stringifyActor } from './actor-string.js';

const bodySchema = z.object({ branch: z.string().trim().min(1).max(256) }).strict();

/**
 * `POST runs/cancel-by-branch` (platform-domain §9.5): cancels every unfinished run of a branch the caller
 * may see, each relayed to the cluster that reported it. A run its orchestrator refuses or cannot reach
 * is skipped, not fatal: the answer counts the runs actually cancelled.
 */
@Controller('api/v1/orgs/:orgId/runs')
export class BranchCancelController {
  private readonly logger = new Logger('BranchCancel');

  constructor(
    private readonly proxy: OrchestratorProxy,
    private readonly locator: RunLocator,
    private readonly commands: CommandBus,
  ) {}

  @RequirePermission('runs', 'write')
  @Post('cancel-by-branch')
  @HttpCode(200)
  async cancelByBranch(
    @Param('orgId') orgId: string,
    @CurrentPrincipal() principal: Principal,
    @CurrentOrgAccess() access: OrgAccess,
    @Body(new ZodValidationPipe(bodySchema)) body: z.infer<typeof bodySchema>,
  ): Promise<{ cancelledRuns: number }> {
    const actor = wireActorOf(principal);
    let cancelledRuns = 0;
    for (const run of await this.locator.unfinishedOnBranch(orgId, body.branch, access.repoPatterns)) {
      try {
        await this.proxy.request(orgId, actor, 'run.cancel.request', { runId: run.runId }, { recordedCluster: run.clusterName });
      } catch (error) {
        this.logger.warn(`Could not cancel run ${run.runId} of branch ${body.branch}: ${(error as Error).message}`);
        continue;
      }
      await this.commands.execute(new RecordRunActionCommand(actorOf(principal), orgId, 'run.cancel', run.runId, { branch: body.branch }, stringifyActor(actor)));
      cancelledRuns += 1;
    }
    return { cancelledRuns };
  }
}
