// Realistic data for the read and write scenarios: organizations through the API (so each has its roles,
// founder and audit trail as the product makes them), and the bulk — members, runs, jobs — straight into
// PostgreSQL, which takes a second where ten thousand API calls would take minutes.
import pg from 'pg';
import { databaseUrlOf, seedOrg } from './platform.mjs';

const STATUSES = ['success', 'success', 'success', 'failure', 'cancelled', 'running'];

/**
 * `orgs` organizations owned by the bench user, the first one measured: `members` members in it (the owner
 * included) holding the built-in Member role, `runs` runs with two jobs each (one a compile job, as the
 * list query looks for), and `otherRuns` runs in every other organization so the table is not one org's.
 */
export async function seedRealisticData(platform, { orgs = 50, members = 200, runs = 10_000, otherRuns = 200 } = {}) {
  const seeded = await seedOrg(platform, 'Bench Measured');
  const { api, pat, orgId } = seeded;
  const otherOrgIds = [];
  for (let i = 1; i < orgs; i += 1) otherOrgIds.push((await api(pat, 'POST', '/orgs', { name: `Bench Org ${i}` })).id);
  const apiKey = (await api(pat, 'POST', `/orgs/${orgId}/api-keys`, { name: 'bench', permissions: { runs: 'read' } })).token;

  const client = new pg.Client({ connectionString: databaseUrlOf(platform.dataDir) });
  await client.connect();
  try {
    const [{ issuer }] = (await client.query("SELECT issuer FROM users WHERE subject = 'bench@example.com'")).rows;
    await client.query(
      `INSERT INTO users (id, issuer, subject, email, display_name, created_at, last_seen_at)
       SELECT gen_random_uuid(), $1, 'member-' || i || '@example.com', 'member-' || i || '@example.com', 'Member ' || i, now(), now()
         FROM generate_series(1, $2::int) i`,
      [issuer, members - 1],
    );
    await client.query(
      `INSERT INTO org_members (org_id, user_id, joined_at) SELECT $1::varchar, id, now() FROM users WHERE subject LIKE 'member-%'`,
      [orgId],
    );
    await client.query(
      `INSERT INTO role_assignments (org_id, user_id, role_id, created_at)
       SELECT $1::varchar, u.id, r.id, now() FROM users u, roles r WHERE u.subject LIKE 'member-%' AND r.org_id = $1::varchar AND r.name = 'Member'`,
      [orgId],
    );
    await insertRuns(client, orgId, runs, members);
    for (const other of otherOrgIds) await insertRuns(client, other, otherRuns, members);
    await client.query('ANALYZE');
  } finally {
    await client.end();
  }
  return { ...seeded, apiKey, otherOrgIds, counts: { orgs, members, runs, otherRuns } };
}

/** `count` runs spread over the last 30 days, triggered by the seeded members, each with a compile job and a build job. */
async function insertRuns(client, orgId, count, members) {
  await client.query(
    `INSERT INTO runs (org_id, run_id, workflow_name, status, repo_identifier, repo_provider, sha, ref, trigger_event,
                       commit_message, job_count, started_at, completed_at, duration_ms, triggered_by, routing_key,
                       cluster_name, extra, last_event_at)
     SELECT $1::varchar, 'run-' || lpad(i::text, 6, '0'), 'workflow-' || (i % 12), ($3::text[])[1 + i % 6],
            'acme/repo-' || (i % 40), 'github', md5(i::text), 'refs/heads/' || (CASE WHEN i % 5 = 0 THEN 'main' ELSE 'feature-' || (i % 97) END),
            'push', 'Commit message number ' || i || ': tidy the widgets and the gadgets', 2,
            now() - (i || ' minutes')::interval * 4, now() - (i || ' minutes')::interval * 4 + interval '3 minutes', 180000,
            'user:member-' || (1 + i % ($4::int - 1)) || '@example.com', 'github:bench', 'bench', '{}'::jsonb, now()
       FROM generate_series(1, $2::int) i`,
    [orgId, count, STATUSES, members],
  );
  await client.query(
    `INSERT INTO run_jobs (org_id, run_id, job_id, job_name, status, started_at, completed_at, duration_ms, environments, last_event_at)
     SELECT r.org_id, r.run_id, j.job_id, j.job_name, 'success', r.started_at, r.completed_at, 90000, j.environments, now()
       FROM runs r,
            (VALUES ('job-1', '__build__compile', '[]'::jsonb), ('job-2', 'test', '["staging"]'::jsonb)) AS j(job_id, job_name, environments)
      WHERE r.org_id = $1`,
    [orgId],
  );
}
