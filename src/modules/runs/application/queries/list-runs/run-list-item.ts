/** A run as `GET runs` lists it: the CLI's `RunListItem` (cli-contract Appendix A); nullable keys always present. */
export interface RunUserRef {
  readonly sub: string;
  readonly email: string | null;
  readonly displayName: string | null;
}

export interface RunListItem {
  readonly runId: string;
  readonly workflowName: string;
  readonly status: string;
  readonly repoIdentifier: string | null;
  readonly sha: string | null;
  readonly ref: string | null;
  readonly triggerEvent: string | null;
  readonly commitMessage: string | null;
  readonly parentRunId: string | null;
  readonly originalRunId: string | null;
  readonly triggeredBy: string | null;
  readonly cancelledBy: string | null;
  readonly compileJobId: string | null;
  readonly repoProvider: string | null;
  readonly jobCount: number | null;
  readonly durationMs: number | null;
  readonly startedAt: string | null;
  readonly completedAt: string | null;
  readonly triggeredByUser: RunUserRef | null;
  readonly cancelledByUser: RunUserRef | null;
  readonly hadCompileJob: boolean;
  readonly localWorkingTree: boolean;
  readonly source: { routingKey: string; name: string | null; subtype: string | null; provider: string } | null;
  readonly failureReason?: string;
  readonly environments?: string[];
}

/** A row of the list query, before shaping. */
export interface RunRow {
  run_id: string;
  workflow_name: string;
  status: string;
  repo_identifier: string | null;
  sha: string | null;
  ref: string | null;
  trigger_event: string | null;
  commit_message: string | null;
  parent_run_id: string | null;
  original_run_id: string | null;
  triggered_by: string | null;
  cancelled_by: string | null;
  repo_provider: string | null;
  job_count: number | null;
  duration_ms: string | null;
  started_at: Date;
  completed_at: Date | null;
  local_working_tree: boolean;
  failure_reason: string | null;
  routing_key: string | null;
  source_name: string | null;
  source_subtype: string | null;
  source_provider: string | null;
  compile_job_id: string | null;
  environments: string[] | null;
  triggered_by_email: string | null;
  triggered_by_name: string | null;
  cancelled_by_email: string | null;
  cancelled_by_name: string | null;
}

/** `user:<sub>` (optionally `… via agent:<label>`) → the sub; other actors have no user. */
export function userSubOf(actor: string | null): string | null {
  const match = actor ? /^user:([^\s]+)/.exec(actor) : null;
  return match ? match[1]! : null;
}

export function toRunListItem(row: RunRow): RunListItem {
  const triggeredSub = userSubOf(row.triggered_by);
  const cancelledSub = userSubOf(row.cancelled_by);
  return {
    runId: row.run_id,
    workflowName: row.workflow_name,
    status: row.status,
    repoIdentifier: row.repo_identifier,
    sha: row.sha,
    ref: row.ref,
    triggerEvent: row.trigger_event,
    commitMessage: row.commit_message,
    parentRunId: row.parent_run_id,
    originalRunId: row.original_run_id,
    triggeredBy: row.triggered_by,
    cancelledBy: row.cancelled_by,
    compileJobId: row.compile_job_id,
    repoProvider: row.repo_provider,
    jobCount: row.job_count,
    durationMs: row.duration_ms === null ? null : Number(row.duration_ms),
    startedAt: row.started_at.toISOString(),
    completedAt: row.completed_at?.toISOString() ?? null,
    triggeredByUser: triggeredSub ? { sub: triggeredSub, email: row.triggered_by_email, displayName: row.triggered_by_name } : null,
    cancelledByUser: cancelledSub ? { sub: cancelledSub, email: row.cancelled_by_email, displayName: row.cancelled_by_name } : null,
    hadCompileJob: row.compile_job_id !== null,
    localWorkingTree: row.local_working_tree,
    source: row.routing_key
      ? { routingKey: row.routing_key, name: row.source_name, subtype: row.source_subtype, provider: row.source_provider ?? row.routing_key.split(':')[0]! }
      : null,
    ...(row.failure_reason ? { failureReason: row.failure_reason } : {}),
    environments: row.environments ?? [],
  };
}
