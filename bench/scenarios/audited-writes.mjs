// Scenario 5 — audited writes: renaming an organization (`PATCH /api/v1/orgs/:orgId`: lock the org row,
// update it, append the `org.renamed` row to the org's hash-chained audit log, one transaction) against a
// bare Fastify + pg server doing the same locked UPDATE in a transaction without the audit row. The
// Platform has no switch to turn audit off, hence the separate baseline. Every request carries a new name
// (an unchanged name is a no-op). With 32 writers on one org this also measures the chain's append rate,
// counted from the audit rows the window produced, and the chain is verified afterwards.
import pg from 'pg';
import { forkReady, measure, stopChild } from '../lib/load.mjs';
import { check, comparison } from '../lib/report.mjs';

export const name = 'audited-writes';

let renames = 0;
const renameRequest = (request) => ({ ...request, body: JSON.stringify({ displayName: `Bench Measured ${(renames += 1)}` }) });

export async function run({ platform, seed, databaseUrl, cpus, timing }) {
  const connections = 32;
  const path = `/api/v1/orgs/${seed.orgId}`;
  const options = { connections, ...timing, method: 'PATCH', headers: { 'content-type': 'application/json' }, setupRequest: renameRequest };
  const audited = await measure(`${platform.origin}${path}`, { ...options, headers: { ...options.headers, authorization: `Bearer ${seed.pat}` } });
  const appends = await auditAppends(databaseUrl, seed.orgId, audited.startedAt, audited.endedAt);
  const verify = await fetch(`${platform.origin}/api/v1/orgs/${seed.orgId}/audit/verify`, { headers: { authorization: `Bearer ${seed.pat}` } })
    .then(async (response) => ({ status: response.status, body: (await response.text()).slice(0, 300) }))
    .catch((error) => ({ status: null, body: error.message }));

  const { child, ready } = forkReady(new URL('../baselines/org-rename-server.mjs', import.meta.url), [databaseUrl, '10'], { cpus: cpus.server });
  let bare;
  try {
    bare = await measure(`http://127.0.0.1:${await ready}${path}`, options);
  } finally {
    await stopChild(child);
  }
  const row = { ...comparison(`PATCH /api/v1/orgs/:orgId (rename, PAT), ${connections} concurrent writers on one org`, audited, bare), baselineLabel: 'bare Fastify + pg, same locked UPDATE in a transaction, no audit row' };
  return {
    title: '5. Audited writes: org rename with its audit row vs the same transaction without it',
    comparisons: [row],
    figures: { auditChain: { ...appends, verify } },
    checks: [
      check('throughput ratio platform ÷ baseline', row.ratio, '>=', 0.8),
      check('audit appends/s on one org chain, 32 writers', appends.appendsPerSecond, '>=', 1000, '/s'),
      check('platform answered 2xx only', audited.non2xx + audited.errors, '==', 0),
    ],
  };
}

/** Audit rows of `orgId` that occurred inside the measured window, per second. */
async function auditAppends(databaseUrl, orgId, from, to) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(
      'SELECT count(*)::int AS rows, min(occurred_at) AS first, max(occurred_at) AS last FROM audit_events WHERE org_id = $1 AND occurred_at BETWEEN $2 AND $3',
      [orgId, from, to],
    );
    const seconds = (to - from) / 1000;
    return { rows: rows[0].rows, windowSeconds: Number(seconds.toFixed(1)), appendsPerSecond: Math.round(rows[0].rows / seconds) };
  } finally {
    await client.end();
  }
}
