// Scenario 5 — audited writes: renaming an organization (`PATCH /api/v1/orgs/:orgId`: lock the org row,
// update it, insert the `org.renamed` row into the org's audit log, one transaction; the row is sealed into
// the org's hash chain after commit) against a bare Fastify + pg server doing the same locked UPDATE in a
// transaction without the audit row. The Platform has no switch to turn audit off, hence the separate
// baseline. Every request carries a new name (an unchanged name is a no-op). With 32 writers on one org this
// also measures the chain's append rate, counted from the audit rows the window committed; then it waits
// for sealing to catch up (no row of the org left unsealed) and verifies the chain.
// The renames all queue on the one org row's lock, so their rate is the row's, not the chain's. The
// chain's own rate is measured by a second load with no shared row: 32 writers on the same org, each
// changing the description of its own outbound webhook endpoint (`PATCH …/webhook-endpoints/:id`, audited
// `webhook_endpoint.update`, same chain).
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { forkReady, measure, stopChild } from '../lib/load.mjs';
import { check, comparison } from '../lib/report.mjs';

export const name = 'audited-writes';

let renames = 0;
const renameRequest = (request) => ({ ...request, body: JSON.stringify({ displayName: `Bench Measured ${(renames += 1)}` }) });
let edits = 0;
/** Each autocannon connection keeps to one endpoint of `endpointIds`, so no two writers share a row. */
const endpointEditRequest = (orgId, endpointIds) => {
  let connectionsSeen = 0;
  return (request, context) => {
    context.endpointId ??= endpointIds[connectionsSeen++ % endpointIds.length];
    return { ...request, path: `/api/v1/orgs/${orgId}/webhook-endpoints/${context.endpointId}`, body: JSON.stringify({ description: `edit ${(edits += 1)}` }) };
  };
};

export async function run({ platform, seed, databaseUrl, cpus, timing }) {
  const connections = 32;
  const path = `/api/v1/orgs/${seed.orgId}`;
  const options = { connections, ...timing, method: 'PATCH', headers: { 'content-type': 'application/json' }, setupRequest: renameRequest };
  const audited = await measure(`${platform.origin}${path}`, { ...options, headers: { ...options.headers, authorization: `Bearer ${seed.pat}` } });
  const appends = await auditAppends(databaseUrl, seed.orgId, audited.startedAt, audited.endedAt);
  const sealing = await sealingCatchUp(databaseUrl, seed.orgId);
  const verify = await fetch(`${platform.origin}/api/v1/orgs/${seed.orgId}/audit/verify`, { headers: { authorization: `Bearer ${seed.pat}` } })
    .then(async (response) => ({ status: response.status, body: await response.json() }))
    .catch((error) => ({ status: null, body: { error: error.message } }));
  const intact = verify.status === 200 && verify.body.firstBreak === null && verify.body.rowsPendingSeal === 0;
  const ownRows = await chainRateWithoutSharedRow(platform, seed, databaseUrl, connections, timing);

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
    figures: { auditChain: { ...appends, sealing, verify }, auditChainOwnRows: ownRows },
    checks: [
      check('throughput ratio platform ÷ baseline', row.ratio, '>=', 0.8),
      check('audit appends/s on one org chain, 32 writers renaming the org (one row lock)', appends.appendsPerSecond, '>=', 1000, '/s'),
      check('audit appends/s on one org chain, 32 writers each editing its own endpoint', ownRows.appendsPerSecond, '>=', 1000, '/s'),
      check('chain verifies once sealing caught up (1 = no break, none pending)', intact && ownRows.intact ? 1 : 0, '==', 1),
      check('endpoint edits answered 2xx only', ownRows.non2xx + ownRows.errors, '==', 0),
      check('platform answered 2xx only', audited.non2xx + audited.errors, '==', 0),
    ],
  };
}

/** 32 endpoints, then 32 writers editing them (one each); the chain's appends in the window, and the chain verified once sealed. */
async function chainRateWithoutSharedRow(platform, seed, databaseUrl, connections, timing) {
  const headers = { authorization: `Bearer ${seed.pat}`, 'content-type': 'application/json' };
  const endpointIds = [];
  for (let i = 0; i < connections; i += 1) {
    const response = await fetch(`${platform.origin}/api/v1/orgs/${seed.orgId}/webhook-endpoints`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ url: `https://hooks.example.com/bench-${i}`, eventTypes: ['run.succeeded'] }),
    });
    if (response.status !== 201) throw new Error(`creating endpoint ${i} answered ${response.status}: ${await response.text()}`);
    endpointIds.push((await response.json()).id);
  }
  const edits = await measure(`${platform.origin}/api/v1/orgs/${seed.orgId}/webhook-endpoints/${endpointIds[0]}`, {
    connections,
    ...timing,
    method: 'PATCH',
    headers,
    setupRequest: endpointEditRequest(seed.orgId, endpointIds),
  });
  const appends = await auditAppends(databaseUrl, seed.orgId, edits.startedAt, edits.endedAt);
  const sealing = await sealingCatchUp(databaseUrl, seed.orgId);
  const verify = await fetch(`${platform.origin}/api/v1/orgs/${seed.orgId}/audit/verify`, { headers }).then(async (response) => ({ status: response.status, body: await response.json() }));
  const intact = verify.status === 200 && verify.body.firstBreak === null && verify.body.rowsPendingSeal === 0;
  return { ...appends, requestsPerSecond: edits.requestsPerSecond, p99Ms: edits.p99Ms, non2xx: edits.non2xx, errors: edits.errors, sealing, verify, intact };
}

/** Audit rows of `orgId` that occurred (and committed: nothing else is visible) inside the measured window, sealed or not, per second. */
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

/** Rows of `orgId` still unsealed when the load stopped, and how long sealing took to seal them all. */
async function sealingCatchUp(databaseUrl, orgId, timeoutMs = 30_000) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const unsealed = async () => (await client.query('SELECT count(*)::int AS n FROM audit_events WHERE chain_key = $1 AND seq IS NULL', [orgId])).rows[0].n;
    const started = performance.now();
    const pendingAtEnd = await unsealed();
    let pending = pendingAtEnd;
    while (pending > 0 && performance.now() - started < timeoutMs) {
      await sleep(10);
      pending = await unsealed();
    }
    return { pendingAtEnd, pendingAfterWait: pending, caughtUpMs: Math.round(performance.now() - started) };
  } finally {
    await client.end();
  }
}
