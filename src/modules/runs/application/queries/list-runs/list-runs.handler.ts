import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import picomatch from 'picomatch';
import { DataSource } from 'typeorm';
import { ListRunsQuery, type RunFilter, type RunPage } from './list-runs.query.js';
import { RunListCache } from './run-list-cache.js';
import { type RunRow, toRunListItem } from './run-list-item.js';

/** Sortable columns: a closed map, so nothing from the query string reaches the SQL text. */
const SORT_COLUMNS: Readonly<Record<NonNullable<RunFilter['sort']>, string>> = {
  startedAt: 'r.started_at',
  completedAt: 'r.completed_at',
  durationMs: 'r.duration_ms',
  workflowName: 'r.workflow_name',
  status: 'r.status',
};

@QueryHandler(ListRunsQuery)
export class ListRunsHandler implements IQueryHandler<ListRunsQuery, RunPage> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cache: RunListCache,
  ) {}

  execute({ filter }: ListRunsQuery): Promise<RunPage> {
    return this.cache.page(filter, () => this.load(filter));
  }

  /**
   * Repository globs are applied in SQL (picomatch compiles each to a regular expression PostgreSQL's
   * engine accepts), so `total` and paging count only what the caller may see.
   */
  private async load(filter: RunFilter): Promise<RunPage> {
    const conditions = ['r.org_id = $1'];
    const params: unknown[] = [filter.orgId];
    const add = (sql: string, value: unknown): void => {
      params.push(value);
      conditions.push(sql.replaceAll('?', `$${params.length}`));
    };
    if (filter.status) add('r.status = ?', filter.status);
    if (filter.workflow) add('r.workflow_name = ?', filter.workflow);
    if (filter.branch) add("(r.ref = ? OR r.ref = 'refs/heads/' || ?)", filter.branch);
    if (filter.repository) add('r.repo_identifier = ?', filter.repository);
    if (filter.triggerType) add("(r.trigger_event = ? OR r.trigger_event LIKE ? || ':%')", filter.triggerType);
    if (filter.source) add('r.routing_key = ?', filter.source);
    if (filter.since) add('r.started_at >= ?', filter.since);
    if (filter.runId) add('r.run_id = ?', filter.runId);
    if (!filter.repoPatterns.includes('*')) {
      const expressions = filter.repoPatterns.map((pattern) => picomatch.makeRe(pattern).source);
      add('r.repo_identifier ~ ANY(?::text[])', expressions);
    }
    const where = conditions.join(' AND ');
    const [{ total }] = (await this.dataSource.query(`SELECT count(*)::int AS total FROM runs r WHERE ${where}`, params)) as [{ total: number }];
    const rows = (await this.dataSource.query(
      `SELECT r.*, s.name AS source_name, s.subtype AS source_subtype, s.provider AS source_provider,
              (SELECT j.job_id FROM run_jobs j WHERE j.org_id = r.org_id AND j.run_id = r.run_id AND j.job_name LIKE '\\_\\_build\\_\\_%' ORDER BY j.job_id LIMIT 1) AS compile_job_id,
              (SELECT coalesce(jsonb_agg(DISTINCT e), '[]') FROM run_jobs j, jsonb_array_elements_text(j.environments) e WHERE j.org_id = r.org_id AND j.run_id = r.run_id) AS environments,
              tu.email AS triggered_by_email, tu.display_name AS triggered_by_name,
              cu.email AS cancelled_by_email, cu.display_name AS cancelled_by_name
         FROM runs r
         LEFT JOIN webhook_sources s ON s.org_id = r.org_id AND s.routing_key = r.routing_key
         LEFT JOIN users tu ON tu.subject = substring(r.triggered_by FROM '^user:([^ ]+)')
         LEFT JOIN users cu ON cu.subject = substring(r.cancelled_by FROM '^user:([^ ]+)')
        WHERE ${where}
        ORDER BY ${SORT_COLUMNS[filter.sort ?? 'startedAt']} ${filter.dir === 'asc' ? 'ASC' : 'DESC'} NULLS LAST, r.run_id
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, filter.pageSize, (filter.page - 1) * filter.pageSize],
    )) as RunRow[];
    return {
      runs: rows.map(toRunListItem),
      total,
      page: filter.page,
      pageSize: filter.pageSize,
      hasMore: filter.page * filter.pageSize < total,
    };
  }
}
