import { Logger } from '@nestjs/common';
import { EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import { OrchestratorTelemetryEvent } from '../../../orchestrator-gateway/index.js';
import { canonicalJson } from '../../../../shared/crypto/canonical-json.js';
import { sha256Hex } from '../../../../shared/crypto/sha256.js';
import { executionStatusSchema, jobStatusForwardSchema, runEventSchema, stateReplaySchema, stepStatusForwardSchema } from '../../protocol/telemetry-frames.js';
import { UnitOfWork } from '../../../../shared/cqrs/unit-of-work.js';
import { RunLifecycleEvent } from '../events/run-lifecycle.event.js';
import { type RunChange, RunProjectionRepository, type RunUpsert, TERMINAL_RUN_STATUSES } from './run-projection.repository.js';

/**
 * Keeps the runs projection from orchestrator telemetry (spec decision 10): run lists are served from it
 * even with no orchestrator connected. The tenant is always the session's organization.
 */
/** Largest `run.event` metadata kept as sent (serialized JSON characters). */
const MAX_METADATA_BYTES = 16_384;

@EventsHandler(OrchestratorTelemetryEvent)
export class RunProjectionHandler implements IEventHandler<OrchestratorTelemetryEvent> {
  private readonly logger = new Logger('RunProjection');

  constructor(
    private readonly runs: RunProjectionRepository,
    private readonly uow: UnitOfWork,
  ) {}

  async handle({ source, frame }: OrchestratorTelemetryEvent): Promise<void> {
    try {
      await this.project(source, frame);
    } catch (error) {
      this.logger.error(error instanceof Error ? error : String(error));
    }
  }

  private async project(source: OrchestratorTelemetryEvent['source'], frame: OrchestratorTelemetryEvent['frame']): Promise<void> {
    const orgId = source.orgId;
    // execution.status has no routing key (spec gap): a connection with exactly one source names it.
    const soleRoutingKey = source.routingKeys.length === 1 ? source.routingKeys[0]! : null;
    switch (frame.type) {
      case 'execution.status': {
        const parsed = executionStatusSchema.safeParse(frame);
        if (!parsed.success) return this.drop(frame.type);
        const { type: _t, messageId: _m, timestamp, triggerActorProvider, triggerActorUsername, triggerActorUserId, logBytes, initFailure, ...run } = parsed.data;
        const extra = Object.fromEntries(
          Object.entries({ triggerActorProvider, triggerActorUsername, triggerActorUserId, logBytes, initFailure }).filter(([, value]) => value !== undefined),
        );
        return this.projectRun(source, { ...run, orgId, routingKey: soleRoutingKey, clusterName: source.clusterName, extra, eventAt: timestamp });
      }
      case 'job.status.forward': {
        const parsed = jobStatusForwardSchema.safeParse(frame);
        if (!parsed.success) return this.drop(frame.type);
        const { type: _t, messageId: _m, timestamp, matrixValues, orchestratorId, runsOnLabels, logBytes, initFailure, ...job } = parsed.data;
        const extra = Object.fromEntries(Object.entries({ matrixValues, orchestratorId, runsOnLabels, logBytes, initFailure }).filter(([, value]) => value !== undefined));
        return this.runs.upsertJob({ ...job, orgId, extra, eventAt: timestamp });
      }
      case 'step.status.forward': {
        const parsed = stepStatusForwardSchema.safeParse(frame);
        if (!parsed.success) return this.drop(frame.type);
        const { runId, jobId, stepIndex, stepName, state, data, timestamp } = parsed.data;
        return this.runs.upsertStep({ orgId, runId, jobId, stepIndex, stepName, state, data: data ?? {}, eventAt: timestamp });
      }
      case 'run.event': {
        const parsed = runEventSchema.safeParse(frame);
        if (!parsed.success) return this.drop(frame.type);
        const { type: _t, metadata, ...event } = parsed.data;
        // Metadata is free-form: kept when small, replaced by a marker when not, so the entry still counts.
        const metadataJson = JSON.stringify(metadata ?? {});
        const kept = metadataJson.length <= MAX_METADATA_BYTES ? (metadata ?? {}) : { truncated: true, bytes: metadataJson.length };
        return this.runs.addRunEvent({ ...event, orgId, dedupeKey: sha256Hex(canonicalJson(parsed.data)), metadata: kept });
      }
      case 'state.replay': {
        const parsed = stateReplaySchema.safeParse(frame);
        if (!parsed.success) return this.drop(frame.type);
        for (const { jobs, ...run } of parsed.data.runs) {
          await this.projectRun(source, { ...run, orgId, routingKey: run.routingKey ?? soleRoutingKey, clusterName: source.clusterName, eventAt: parsed.data.timestamp });
          for (const job of jobs) await this.runs.upsertJob({ ...job, orgId, runId: run.runId, eventAt: parsed.data.timestamp });
        }
        return;
      }
    }
  }

  /** Upserts the run and, in the same transaction, announces its first appearance and its finish. */
  private async projectRun(source: OrchestratorTelemetryEvent['source'], run: RunUpsert): Promise<void> {
    await this.uow.run(async (manager) => {
      const change = await this.runs.upsertRun(run, manager);
      const origin = { actor: { type: 'orchestrator' as const, id: source.connectionId, display: source.clusterName }, orgId: run.orgId };
      for (const eventName of lifecycleTransitions(change)) {
        const row = change.row!;
        this.uow.raise(
          new RunLifecycleEvent(origin, eventName, {
            runId: run.runId,
            workflowName: row.workflow_name,
            status: row.status,
            repoIdentifier: row.repo_identifier,
            ref: row.ref,
            sha: row.sha,
            clusterName: row.cluster_name,
            startedAt: row.started_at?.toISOString() ?? null,
            completedAt: row.completed_at?.toISOString() ?? null,
          }),
        );
      }
    });
  }

  private drop(type: string): void {
    this.logger.warn(`Dropping a ${type} frame that breaks its schema or bounds`);
  }
}

const FINISHED_EVENTS: Readonly<Record<string, RunLifecycleEvent['eventName']>> = { success: 'run.succeeded', failed: 'run.failed', cancelled: 'run.cancelled' };

/** `run.started` when the run is new; a finished event when it went from unfinished (or nothing) to finished. */
function lifecycleTransitions({ previousStatus, row }: RunChange): RunLifecycleEvent['eventName'][] {
  if (!row) return [];
  const events: RunLifecycleEvent['eventName'][] = [];
  if (previousStatus === null) events.push('run.started');
  if (TERMINAL_RUN_STATUSES.has(row.status) && (previousStatus === null || !TERMINAL_RUN_STATUSES.has(previousStatus))) events.push(FINISHED_EVENTS[row.status]!);
  return events;
}
