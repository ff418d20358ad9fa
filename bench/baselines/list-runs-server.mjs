// Baseline for the authenticated read: a bare Fastify + pg server that answers
// `GET /api/v1/orgs/:orgId/runs` with the very SQL the Platform's list handler issues (count, then the page
// with its joins and sub-selects; every repository visible, as for an owner) — no auth, no Nest, no CQRS.
// Also `GET /ready` (SELECT 1), so it doubles as the bare start-up baseline.
// Usage (forked): list-runs-server.mjs <databaseUrl> [poolSize=10] → sends its port to the parent over IPC.
import Fastify from 'fastify';
import pg from 'pg';

const [databaseUrl, poolSize = '10'] = process.argv.slice(2);
const pool = new pg.Pool({ connectionString: databaseUrl, max: Number(poolSize) });
const PAGE_SIZE = 20;

// Copied from src/modules/runs/application/queries/list-runs/list-runs.handler.ts (no filters, sort startedAt desc).
const COUNT_SQL = 'SELECT count(*)::int AS total FROM runs r WHERE r.org_id = $1';
const PAGE_SQL = `SELECT r.*, s.name AS source_name, s.subtype AS source_subtype, s.provider AS source_provider,
              (SELECT j.job_id FROM run_jobs j WHERE j.org_id = r.org_id AND j.run_id = r.run_id AND j.job_name LIKE '\\_\\_build\\_\\_%' ORDER BY j.job_id LIMIT 1) AS compile_job_id,
              (SELECT coalesce(jsonb_agg(DISTINCT e), '[]') FROM run_jobs j, jsonb_array_elements_text(j.environments) e WHERE j.org_id = r.org_id AND j.run_id = r.run_id) AS environments,
              tu.email AS triggered_by_email, tu.display_name AS triggered_by_name,
              cu.email AS cancelled_by_email, cu.display_name AS cancelled_by_name
         FROM runs r
         LEFT JOIN webhook_sources s ON s.org_id = r.org_id AND s.routing_key = r.routing_key
         LEFT JOIN users tu ON tu.subject = substring(r.triggered_by FROM '^user:([^ ]+)')
         LEFT JOIN users cu ON cu.subject = substring(r.cancelled_by FROM '^user:([^ ]+)')
        WHERE r.org_id = $1
        ORDER BY r.started_at DESC NULLS LAST, r.run_id
        LIMIT $2 OFFSET $3`;

const app = Fastify();
app.get('/ready', async () => {
  await pool.query('SELECT 1');
  return { status: 'ready' };
});
app.get('/api/v1/orgs/:orgId/runs', async (request) => {
  const page = Number(request.query.page ?? 1);
  const { orgId } = request.params;
  const [{ total }] = (await pool.query(COUNT_SQL, [orgId])).rows;
  const { rows } = await pool.query(PAGE_SQL, [orgId, PAGE_SIZE, (page - 1) * PAGE_SIZE]);
  // The same response shape as the Platform's RunListItem, so both serialise a like-sized body.
  const runs = rows.map((row) => ({
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
    triggeredByUser: row.triggered_by_email ? { sub: row.triggered_by_email, email: row.triggered_by_email, displayName: row.triggered_by_name } : null,
    cancelledByUser: null,
    hadCompileJob: row.compile_job_id !== null,
    localWorkingTree: row.local_working_tree,
    source: row.routing_key ? { routingKey: row.routing_key, name: row.source_name, subtype: row.source_subtype, provider: row.source_provider ?? 'github' } : null,
    environments: row.environments ?? [],
  }));
  return { runs, total, page, pageSize: PAGE_SIZE, hasMore: page * PAGE_SIZE < total };
});
await app.listen({ port: 0, host: '127.0.0.1' });
process.send?.(app.server.address().port);
process.on('SIGTERM', () => app.close().then(() => pool.end()).then(() => process.exit(0)));
