import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

const TERMINAL_RUNS = "('success','failed','cancelled')";
export const TERMINAL_RUN_STATUSES: ReadonlySet<string> = new Set(['success', 'failed', 'cancelled']);
/** Namespace of the advisory locks that serialise projecting one run (first key of the two-key form). */
const RUN_LOCK_NAMESPACE = 0x52554e53;
const TERMINAL_JOBS = "('success','failed','cancelled','skipped','timed_out_stale','drift_dropped')";

export interface RunUpsert {
  readonly orgId: string;
  readonly runId: string;
  readonly workflowName: string;
  readonly status: string;
  readonly repoIdentifier?: string | null;
  readonly repoProvider?: string | null;
  readonly localWorkingTree?: boolean | null;
  readonly sha?: string | null;
  readonly ref?: string | null;
  readonly triggerEvent?: string | null;
  readonly commitMessage?: string | null;
  readonly jobCount?: number | null;
  readonly startedAt: number;
  readonly completedAt?: number | null;
  readonly durationMs?: number | null;
  readonly parentRunId?: string | null;
  readonly originalRunId?: string | null;
  readonly triggeredBy?: string | null;
  readonly failureReason?: string | null;
  readonly routingKey?: string | null;
  readonly clusterName?: string | null;
  readonly extra?: Record<string, unknown>;
  readonly eventAt: number;
}

export interface JobUpsert {
  readonly orgId: string;
  readonly runId: string;
  readonly jobId: string;
  readonly jobName: string;
  readonly status: string;
  readonly startedAt?: number | null;
  readonly completedAt?: number | null;
  readonly durationMs?: number | null;
  readonly errorMessage?: string | null;
  readonly agentId?: string | null;
  readonly environments?: readonly string[] | null;
  readonly extra?: Record<string, unknown>;
  readonly eventAt: number;
}

/** Timeline entries kept per run; later ones are dropped. */
export const MAX_EVENTS_PER_RUN = 10_000;

export interface RunEventRow {
  readonly orgId: string;
  readonly runId: string;
  readonly dedupeKey: string;
  readonly eventType: string;
  readonly timestampMs: number;
  readonly sourceService: string;
  readonly jobId?: string;
  readonly stepIndex?: number;
  readonly durationMs?: number;
  readonly traceId?: string;
  readonly spanId?: string;
  readonly parentSpanId?: string;
  readonly metadata: Record<string, unknown>;
}

/** What an upsert did to a run: its status before (null: new run) and after (null: frame not applied). */
export interface RunChange {
  readonly previousStatus: string | null;
  readonly row: RunRow | null;
}

export interface RunRow {
  readonly status: string;
  readonly workflow_name: string;
  readonly repo_identifier: string | null;
  readonly ref: string | null;
  readonly sha: string | null;
  readonly cluster_name: string | null;
  readonly started_at: Date | null;
  readonly completed_at: Date | null;
}

const at = (epochMs: number | null | undefined): Date | null => (epochMs === null || epochMs === undefined ? null : new Date(epochMs));

/**
 * Idempotent upserts of the runs projection. A finished state wins over an unfinished one whatever the
 * timestamps (frames are projected concurrently, so a late "running" may land before the "success" it
 * preceded); otherwise a frame applies only if it is not older than what the row reflects, and a finished
 * run or job never goes back to unfinished. Duplicates and reordering (buffer flushes, `state.replay`
 * after live frames) are therefore harmless. Fields a frame does not
 * carry keep their value.
 */
@Injectable()
export class RunProjectionRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Applies a run frame in the caller's transaction and says what changed. A transaction-scoped advisory
   * lock on the run makes concurrent frames of one run take turns, so the status read before the upsert
   * is the one the upsert replaces and each transition is seen by exactly one frame.
   */
  async upsertRun(run: RunUpsert, manager: EntityManager): Promise<RunChange> {
    await manager.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [RUN_LOCK_NAMESPACE, `${run.orgId}/${run.runId}`]);
    const [before] = (await manager.query('SELECT status FROM runs WHERE org_id = $1 AND run_id = $2', [run.orgId, run.runId])) as { status: string }[];
    const [row] = (await manager.query(
      `INSERT INTO runs (org_id, run_id, workflow_name, status, repo_identifier, repo_provider, local_working_tree, sha, ref,
                         trigger_event, commit_message, job_count, started_at, completed_at, duration_ms, parent_run_id,
                         original_run_id, triggered_by, failure_reason, routing_key, cluster_name, extra, last_event_at)
       VALUES ($1, $2, $3, $4, $5, $6, coalesce($7, false), $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23)
       ON CONFLICT (org_id, run_id) DO UPDATE SET
         workflow_name = EXCLUDED.workflow_name,
         status = EXCLUDED.status,
         repo_identifier = coalesce(EXCLUDED.repo_identifier, runs.repo_identifier),
         repo_provider = coalesce(EXCLUDED.repo_provider, runs.repo_provider),
         local_working_tree = coalesce($7, runs.local_working_tree),
         sha = coalesce(EXCLUDED.sha, runs.sha),
         ref = coalesce(EXCLUDED.ref, runs.ref),
         trigger_event = coalesce(EXCLUDED.trigger_event, runs.trigger_event),
         commit_message = coalesce(EXCLUDED.commit_message, runs.commit_message),
         job_count = coalesce(EXCLUDED.job_count, runs.job_count),
         started_at = EXCLUDED.started_at,
         completed_at = coalesce(EXCLUDED.completed_at, runs.completed_at),
         duration_ms = coalesce(EXCLUDED.duration_ms, runs.duration_ms),
         parent_run_id = coalesce(EXCLUDED.parent_run_id, runs.parent_run_id),
         original_run_id = coalesce(EXCLUDED.original_run_id, runs.original_run_id),
         triggered_by = coalesce(EXCLUDED.triggered_by, runs.triggered_by),
         failure_reason = coalesce(EXCLUDED.failure_reason, runs.failure_reason),
         routing_key = coalesce(EXCLUDED.routing_key, runs.routing_key),
         cluster_name = coalesce(EXCLUDED.cluster_name, runs.cluster_name),
         extra = runs.extra || EXCLUDED.extra,
         last_event_at = greatest(runs.last_event_at, EXCLUDED.last_event_at)
       WHERE (runs.status NOT IN ${TERMINAL_RUNS} AND EXCLUDED.status IN ${TERMINAL_RUNS})
          OR (runs.last_event_at <= EXCLUDED.last_event_at AND NOT (runs.status IN ${TERMINAL_RUNS} AND EXCLUDED.status NOT IN ${TERMINAL_RUNS}))
       RETURNING status, workflow_name, repo_identifier, ref, sha, cluster_name, started_at, completed_at`,
      [
        run.orgId,
        run.runId,
        run.workflowName,
        run.status,
        run.repoIdentifier ?? null,
        run.repoProvider ?? null,
        run.localWorkingTree ?? null,
        run.sha ?? null,
        run.ref ?? null,
        run.triggerEvent ?? null,
        run.commitMessage ?? null,
        run.jobCount ?? null,
        at(run.startedAt),
        at(run.completedAt),
        run.durationMs === null || run.durationMs === undefined ? null : Math.round(run.durationMs),
        run.parentRunId ?? null,
        run.originalRunId ?? null,
        run.triggeredBy ?? null,
        run.failureReason ?? null,
        run.routingKey ?? null,
        run.clusterName ?? null,
        JSON.stringify(run.extra ?? {}),
        at(run.eventAt),
      ],
    )) as RunRow[];
    return { previousStatus: before?.status ?? null, row: row ?? null };
  }

  async upsertJob(job: JobUpsert): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO run_jobs (org_id, run_id, job_id, job_name, status, started_at, completed_at, duration_ms, error_message, agent_id,
                             environments, extra, last_event_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, coalesce($11::jsonb, '[]'::jsonb), $12, $13)
       ON CONFLICT (org_id, run_id, job_id) DO UPDATE SET
         job_name = EXCLUDED.job_name,
         status = EXCLUDED.status,
         started_at = coalesce(EXCLUDED.started_at, run_jobs.started_at),
         completed_at = coalesce(EXCLUDED.completed_at, run_jobs.completed_at),
         duration_ms = coalesce(EXCLUDED.duration_ms, run_jobs.duration_ms),
         error_message = coalesce(EXCLUDED.error_message, run_jobs.error_message),
         agent_id = coalesce(EXCLUDED.agent_id, run_jobs.agent_id),
         environments = coalesce($11::jsonb, run_jobs.environments),
         extra = run_jobs.extra || EXCLUDED.extra,
         last_event_at = greatest(run_jobs.last_event_at, EXCLUDED.last_event_at)
       WHERE (run_jobs.status NOT IN ${TERMINAL_JOBS} AND EXCLUDED.status IN ${TERMINAL_JOBS})
          OR (run_jobs.last_event_at <= EXCLUDED.last_event_at AND NOT (run_jobs.status IN ${TERMINAL_JOBS} AND EXCLUDED.status NOT IN ${TERMINAL_JOBS}))`,
      [
        job.orgId,
        job.runId,
        job.jobId,
        job.jobName,
        job.status,
        at(job.startedAt),
        at(job.completedAt),
        job.durationMs === null || job.durationMs === undefined ? null : Math.round(job.durationMs),
        job.errorMessage ?? null,
        job.agentId ?? null,
        job.environments ? JSON.stringify(job.environments) : null,
        JSON.stringify(job.extra ?? {}),
        at(job.eventAt),
      ],
    );
  }

  async upsertStep(step: { orgId: string; runId: string; jobId: string; stepIndex: number; stepName: string; state: string; data: Record<string, unknown>; eventAt: number }): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO run_steps (org_id, run_id, job_id, step_index, step_name, state, data, last_event_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (org_id, run_id, job_id, step_index) DO UPDATE SET
         step_name = EXCLUDED.step_name, state = EXCLUDED.state, data = run_steps.data || EXCLUDED.data, last_event_at = EXCLUDED.last_event_at
       WHERE run_steps.last_event_at <= EXCLUDED.last_event_at`,
      [step.orgId, step.runId, step.jobId, step.stepIndex, step.stepName, step.state, JSON.stringify(step.data), at(step.eventAt)],
    );
  }

  /**
   * Keeps a timeline entry once (its dedupe key is the frame's hash) and at most
   * MAX_EVENTS_PER_RUN per run, so a chatty or hostile sender cannot grow one run without bound.
   */
  async addRunEvent(event: RunEventRow): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO run_events (org_id, run_id, dedupe_key, event_type, occurred_at, source_service, job_id, step_index, duration_ms,
                               trace_id, span_id, parent_span_id, metadata)
       -- INSERT … SELECT gives parameters no column types: cast each.
       SELECT $1::varchar, $2::varchar, $3::varchar, $4::varchar, $5::timestamptz, $6::varchar, $7::varchar, $8::integer, $9::double precision,
              $10::varchar, $11::varchar, $12::varchar, $13::jsonb
        WHERE (SELECT count(*) FROM run_events WHERE org_id = $1 AND run_id = $2) < ${MAX_EVENTS_PER_RUN}
       ON CONFLICT (org_id, run_id, dedupe_key) DO NOTHING`,
      [
        event.orgId,
        event.runId,
        event.dedupeKey,
        event.eventType,
        new Date(event.timestampMs),
        event.sourceService,
        event.jobId ?? null,
        event.stepIndex ?? null,
        event.durationMs ?? null,
        event.traceId ?? null,
        event.spanId ?? null,
        event.parentSpanId ?? null,
        JSON.stringify(event.metadata),
      ],
    );
  }
}
