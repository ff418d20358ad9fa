import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { z } from 'zod';
import { CurrentPrincipal } from '../../../shared/auth/current-principal.decorator.js';
import { actorOf, type Principal } from '../../../shared/auth/principal.js';
import { RequirePermission } from '../../../shared/auth/route-access.js';
import { DomainError } from '../../../shared/errors/domain-error.js';
import { ZodValidationPipe } from '../../../shared/validation/zod-validation.pipe.js';
import { OrchestratorProxy, wireActorOf } from '../../orchestrator-gateway/index.js';
import { RecordRunActionCommand } from '../application/commands/record-run-action/record-run-action.js';
import { clusterChoiceOf, clusterQueryFields } from '../../orchestrator-gateway/index.js';

const clusterQuery = z.object(clusterQueryFields).strict();
const logsQuery = clusterQuery.extend({ cursor: z.coerce.number().int().min(0).default(0) }).strict();

const uploadInitSchema = z
  .object({ sha: z.string().max(128).optional(), fileCount: z.number().int().nonnegative().optional(), compressedSize: z.number().int().nonnegative().optional() })
  .strict();

/** `kici run remote`'s trigger (cli-contract §3.4); nested payloads are the orchestrator's to judge. */
const triggerSchema = z
  .object({
    fixtureId: z.string().min(1).max(256),
    event: z
      .object({
        type: z.string().min(1).max(128),
        action: z.string().max(128).optional(),
        targetBranch: z.string().max(256),
        sourceBranch: z.string().max(256).optional(),
        payload: z.record(z.string(), z.unknown()),
        changedFiles: z.array(z.string().max(4096)).max(100_000).optional(),
      })
      .passthrough(),
    workflowName: z.string().max(128).optional(),
    uploadId: z.string().max(256).optional(),
    cliPublicKey: z.string().max(4096).optional(),
    inlineLockFile: z.string().optional(),
    fullRepo: z.boolean().optional(),
    checkMode: z.enum(['apply', 'check', 'check-fail-on-drift']).optional(),
    target: z.record(z.string(), z.unknown()).optional(),
    dispatchInputs: z.record(z.string(), z.string()).optional(),
    secrets: z.record(z.string(), z.string()).optional(),
    encryptedSecrets: z.string().optional(),
    encryptedSecretsKey: z.string().max(4096).optional(),
  })
  .strict();

const runIdParam = z.string().min(1).max(128);

/**
 * The control plane of `kici run remote` (orchestrator-protocol §2.12): relayed to the cluster the CLI
 * names (or the org's only one, else 422), with the routing key forced to `remote:<orgId>` and the
 * developer as actor. The tarball itself goes straight to the orchestrator's store, never through here.
 */
@Controller('api/v1/orgs/:orgId/test')
export class RemoteRunsController {
  constructor(
    private readonly proxy: OrchestratorProxy,
    private readonly commands: CommandBus,
  ) {}

  @RequirePermission('runs', 'write')
  @Post('uploads/init')
  @HttpCode(200)
  uploadsInit(
    @Param('orgId') orgId: string,
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodValidationPipe(clusterQuery, 'query')) query: z.infer<typeof clusterQuery>,
    @Body(new ZodValidationPipe(uploadInitSchema)) body: z.infer<typeof uploadInitSchema>,
  ) {
    return this.relay(orgId, principal, 'test.relay.uploads.init', { ...body, routingKey: `remote:${orgId}` }, query);
  }

  /** A run the orchestrator rejects is a 422 carrying its `reason` (the CLI prints it). */
  @RequirePermission('runs', 'write')
  @Post('trigger')
  @HttpCode(200)
  async trigger(
    @Param('orgId') orgId: string,
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodValidationPipe(clusterQuery, 'query')) query: z.infer<typeof clusterQuery>,
    @Body(new ZodValidationPipe(triggerSchema)) body: z.infer<typeof triggerSchema>,
  ) {
    const answer = await this.relay(orgId, principal, 'test.relay.trigger', { ...body, routingKey: `remote:${orgId}` }, query);
    if (answer.status === 'rejected') {
      const reason = typeof answer.reason === 'string' ? answer.reason : 'The orchestrator rejected the run';
      throw new DomainError('GATEWAY.RUN_REJECTED', reason, { reason });
    }
    if (typeof answer.runId === 'string') {
      await this.commands.execute(
        new RecordRunActionCommand(actorOf(principal), orgId, 'run.trigger', answer.runId, { fixtureId: body.fixtureId, workflowName: body.workflowName ?? null }),
      );
    }
    return answer;
  }

  @RequirePermission('runs', 'read')
  @Get('runs/:runId')
  status(
    @Param('orgId') orgId: string,
    @Param('runId', new ZodValidationPipe(runIdParam, 'params')) runId: string,
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodValidationPipe(clusterQuery, 'query')) query: z.infer<typeof clusterQuery>,
  ) {
    return this.relay(orgId, principal, 'test.relay.run.status', { runId }, query);
  }

  @RequirePermission('runs', 'read')
  @Get('runs/:runId/logs')
  logs(
    @Param('orgId') orgId: string,
    @Param('runId', new ZodValidationPipe(runIdParam, 'params')) runId: string,
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodValidationPipe(logsQuery, 'query')) query: z.infer<typeof logsQuery>,
  ) {
    const { cursor, ...cluster } = query;
    return this.relay(orgId, principal, 'test.relay.run.logs', { runId, cursor }, cluster);
  }

  @RequirePermission('runs', 'write')
  @Post('runs/:runId/cancel')
  @HttpCode(200)
  async cancel(
    @Param('orgId') orgId: string,
    @Param('runId', new ZodValidationPipe(runIdParam, 'params')) runId: string,
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodValidationPipe(clusterQuery, 'query')) query: z.infer<typeof clusterQuery>,
  ) {
    const answer = await this.relay(orgId, principal, 'test.relay.cancel', { runId }, query);
    if (answer.cancelled) await this.commands.execute(new RecordRunActionCommand(actorOf(principal), orgId, 'run.cancel', runId, { remote: true }));
    return answer;
  }

  private relay(orgId: string, principal: Principal, type: string, fields: Record<string, unknown>, query: z.infer<typeof clusterQuery>) {
    return this.proxy.request(orgId, wireActorOf(principal), type, fields, { ...clusterChoiceOf(query), whenNoneConnected: 'no_cluster' });
  }
}
