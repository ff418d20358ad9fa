import { Injectable } from '@nestjs/common';
import picomatch from 'picomatch';
import { DataSource } from 'typeorm';
import { DomainError } from '../../../shared/errors/domain-error.js';

export interface LocatedRun {
  readonly status: string | null;
  readonly clusterName: string | null;
  readonly routingKey: string | null;
}

const TERMINAL = new Set(['success', 'failed', 'cancelled']);

/**
 * What the projection knows of a run before a request about it is relayed: which cluster reported it
 * (run-scoped requests go there, orchestrator-protocol §2.9.3) and whether the caller's repository
 * patterns cover it. A run the projection has never seen is left to the orchestrator.
 */
@Injectable()
export class RunLocator {
  constructor(private readonly dataSource: DataSource) {}

  async locate(orgId: string, runId: string, repoPatterns: readonly string[]): Promise<LocatedRun> {
    if (runId.length === 0 || runId.length > 128) throw new DomainError('RUNS.NOT_FOUND', 'Run not found');
    const [run] = (await this.dataSource.query('SELECT status, cluster_name, routing_key, repo_identifier FROM runs WHERE org_id = $1 AND run_id = $2', [orgId, runId])) as {
      status: string;
      cluster_name: string | null;
      routing_key: string | null;
      repo_identifier: string | null;
    }[];
    if (!run) return { status: null, clusterName: null, routingKey: null };
    if (!repoPatterns.includes('*') && !(run.repo_identifier && picomatch([...repoPatterns])(run.repo_identifier))) {
      throw new DomainError('RUNS.NOT_FOUND', 'Run not found');
    }
    return { status: run.status, clusterName: run.cluster_name, routingKey: run.routing_key };
  }

  async reruns(orgId: string, runId: string): Promise<{ runId: string; status: string; createdAt: string }[]> {
    const rows = (await this.dataSource.query(
      'SELECT run_id AS "runId", status, started_at AS "startedAt" FROM runs WHERE org_id = $1 AND parent_run_id = $2 ORDER BY started_at',
      [orgId, runId],
    )) as { runId: string; status: string; startedAt: Date }[];
    return rows.map((row) => ({ runId: row.runId, status: row.status, createdAt: row.startedAt.toISOString() }));
  }

  /** Unfinished runs of a branch (`main` or `refs/heads/main`) the caller's patterns cover; at most 100, oldest first. */
  async unfinishedOnBranch(orgId: string, branch: string, repoPatterns: readonly string[]): Promise<{ runId: string; clusterName: string | null }[]> {
    const rows = (await this.dataSource.query(
      `SELECT run_id AS "runId", cluster_name AS "clusterName", repo_identifier AS "repoIdentifier" FROM runs
        WHERE org_id = $1 AND (ref = $2 OR ref = 'refs/heads/' || $2) AND status NOT IN ('success', 'failed', 'cancelled')
        ORDER BY started_at LIMIT 100`,
      [orgId, branch],
    )) as { runId: string; clusterName: string | null; repoIdentifier: string | null }[];
    const visible = repoPatterns.includes('*') ? () => true : picomatch([...repoPatterns]);
    return rows.filter((row) => repoPatterns.includes('*') || (row.repoIdentifier !== null && visible(row.repoIdentifier))).map(({ runId, clusterName }) => ({ runId, clusterName }));
  }

  /** The run's infrastructure timeline, oldest first (at most the per-run cap). */
  async events(orgId: string, runId: string): Promise<Record<string, unknown>[]> {
    const rows = (await this.dataSource.query(
      `SELECT run_id AS "runId", event_type AS "eventType", occurred_at AS "occurredAt", source_service AS "sourceService", job_id AS "jobId",
              step_index AS "stepIndex", duration_ms AS "durationMs", trace_id AS "traceId", span_id AS "spanId", parent_span_id AS "parentSpanId", metadata
         FROM run_events WHERE org_id = $1 AND run_id = $2 ORDER BY occurred_at, event_type, dedupe_key`,
      [orgId, runId],
    )) as ({ occurredAt: Date } & Record<string, unknown>)[];
    return rows.map(({ occurredAt, ...row }) => ({ ...row, timestampMs: occurredAt.getTime() }));
  }

  /**
   * Reads a run-scoped answer from the orchestrator. For a run the Platform has never seen, the
   * orchestrator's refusal (free text, 400 by default) means the id is unknown here: 404, as for `runs/:id`.
   */
  static async read<T>(run: LocatedRun, answer: Promise<T>): Promise<T> {
    try {
      return await answer;
    } catch (error) {
      if (run.status === null && error instanceof DomainError && (error.code === 'GATEWAY.BAD_REQUEST' || error.code === 'GATEWAY.NOT_FOUND')) {
        throw new DomainError('RUNS.NOT_FOUND', 'Run not found');
      }
      throw error;
    }
  }

  static isTerminal(status: string | null): boolean {
    return status !== null && TERMINAL.has(status);
  }
}
