import { z } from 'zod';

/**
 * Execution telemetry as orchestrator-protocol §2.7 declares it, with its field bounds. Frames that break
 * them are dropped whole.
 */
const text = (max: number) => z.string().max(max);
const nullableText = (max: number) => z.string().max(max).nullable().optional();
const epochMs = z.number().finite().nonnegative();

export const RUN_STATUSES = ['pending', 'running', 'success', 'failed', 'cancelled', 'cancelling', 'held'] as const;
export const TERMINAL_RUN_STATUSES: ReadonlySet<string> = new Set(['success', 'failed', 'cancelled']);
export const TERMINAL_JOB_STATUSES: ReadonlySet<string> = new Set(['success', 'failed', 'cancelled', 'skipped', 'timed_out_stale', 'drift_dropped']);

const initFailure = z
  .object({ scope: z.enum(['run', 'job']), category: z.string().max(64), message: text(2000), jobName: text(128).optional() })
  .optional();

export const executionStatusSchema = z.object({
  type: z.literal('execution.status'),
  messageId: text(128),
  runId: z.string().min(1).max(128),
  workflowName: text(128),
  status: z.enum(RUN_STATUSES),
  repoIdentifier: text(256).optional(),
  repoProvider: text(128).optional(),
  localWorkingTree: z.boolean().optional(),
  sha: text(128).optional(),
  ref: text(128).optional(),
  triggerEvent: text(128).optional(),
  commitMessage: text(2000).optional(),
  jobCount: z.number().int().nonnegative().optional(),
  startedAt: epochMs,
  completedAt: epochMs.optional(),
  durationMs: z.number().nonnegative().optional(),
  timestamp: epochMs,
  parentRunId: nullableText(128),
  originalRunId: nullableText(128),
  triggeredBy: nullableText(128),
  triggerActorProvider: nullableText(256),
  triggerActorUsername: nullableText(256),
  triggerActorUserId: nullableText(256),
  failureReason: text(2000).optional(),
  logBytes: z.number().int().nonnegative().optional(),
  initFailure,
});

export const JOB_STATUSES = [
  'pending',
  'queued',
  'running',
  'recovering',
  'cancelling',
  'success',
  'failed',
  'cancelled',
  'skipped',
  'timed_out_stale',
  'drift_dropped',
] as const;

export const jobStatusForwardSchema = z.object({
  type: z.literal('job.status.forward'),
  messageId: text(128),
  runId: z.string().min(1).max(128),
  jobId: z.string().min(1).max(128),
  jobName: text(128),
  status: z.enum(JOB_STATUSES),
  matrixValues: z.record(z.string(), z.unknown()).optional(),
  startedAt: epochMs.optional(),
  completedAt: epochMs.optional(),
  durationMs: z.number().nonnegative().optional(),
  errorMessage: nullableText(2000),
  agentId: nullableText(128),
  orchestratorId: text(128).optional(),
  runsOnLabels: z.array(text(128)).max(30).optional(),
  environments: z.array(text(128)).max(30).optional(),
  logBytes: z.number().int().nonnegative().optional(),
  initFailure,
  timestamp: epochMs,
});

export const stepStatusForwardSchema = z.object({
  type: z.literal('step.status.forward'),
  messageId: text(128),
  runId: z.string().min(1).max(128),
  jobId: z.string().min(1).max(128),
  jobName: text(128),
  stepIndex: z.number().int().nonnegative().max(100_000),
  stepName: text(256),
  state: z.enum(['running', 'success', 'failed', 'skipped', 'pending', 'cancelled']),
  data: z.record(z.string(), z.unknown()).optional(),
  timestamp: epochMs,
});

const replayJob = z.object({
  jobId: z.string().min(1).max(128),
  jobName: text(128),
  status: text(32),
  startedAt: epochMs.optional(),
  completedAt: epochMs.optional(),
  durationMs: z.number().nonnegative().optional(),
  errorMessage: nullableText(2000),
  agentId: nullableText(128),
  runsOnLabels: z.array(text(128)).max(30).optional(),
  environments: z.array(text(128)).max(30).optional(),
});

/** Replays are accepted beyond the schema's nominal caps (500 runs): the real sender does not enforce them. */
export const stateReplaySchema = z.object({
  type: z.literal('state.replay'),
  messageId: text(128),
  timestamp: epochMs,
  runs: z
    .array(
      z.object({
        runId: z.string().min(1).max(128),
        workflowName: text(128),
        status: z.enum(RUN_STATUSES),
        routingKey: text(255).optional(),
        repoIdentifier: text(256).optional(),
        sha: text(128).optional(),
        ref: text(128).optional(),
        triggerEvent: text(128).optional(),
        commitMessage: text(2000).optional(),
        jobCount: z.number().int().nonnegative(),
        startedAt: epochMs,
        completedAt: epochMs.optional(),
        durationMs: z.number().nonnegative().optional(),
        parentRunId: nullableText(128),
        originalRunId: nullableText(128),
        triggeredBy: nullableText(128),
        failureReason: text(2000).optional(),
        jobs: z.array(replayJob).max(5000).default([]),
      }),
    )
    .max(20_000),
});

/** `run.event` (orchestrator-protocol §2.7, MAY): one entry of a run's infrastructure timeline. No `orgId` on the wire, by design. */
export const runEventSchema = z.object({
  type: z.literal('run.event'),
  runId: z.string().min(1).max(128),
  eventType: z.string().min(1).max(128),
  timestampMs: epochMs,
  sourceService: z.enum(['platform', 'orchestrator', 'agent']),
  metadata: z.record(z.string(), z.unknown()).optional(),
  traceId: text(64).optional(),
  spanId: text(64).optional(),
  parentSpanId: text(64).optional(),
  durationMs: z.number().finite().nonnegative().optional(),
  jobId: text(128).optional(),
  stepIndex: z.number().int().nonnegative().max(100_000).optional(),
});
