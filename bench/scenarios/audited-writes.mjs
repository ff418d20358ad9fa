// Scenario 5 — audited writes: renaming an organization (`PATCH /api/v1/orgs/:orgId`: lock the org row,
// update it, insert the `org.renamed` row into the org's audit log, one transaction; the row is sealed into
// the org's hash chain after commit) against the same mutation with audit disabled: a second Platform
// process on the same database (bench/lib/platform-variant.mjs --without-audit), identical but for the
// audit row's insert, with the same 32 writers, in three windows each that alternate with the audited
// ones (the median round's ratio is kept, as in scenario 2). A bare Fastify + pg server doing the
// same locked UPDATE is measured too in full runs, for the cost of the whole stack (reported, no target).
// Every request carries a new name (an unchanged name is a no-op). With 32 writers on one org this also
// measures the chain's append rate, counted from the audit rows the window committed; then it waits for
// sealing to catch up (no row of the org left unsealed) and verifies the chain.
// The renames all queue on the one org row's lock, so their rate is the row's, not the chain's. The
// chain's own rate is measured by a second load with no shared row: 32 writers on the same org, each
// changing the description of its own outbound webhook endpoint (`PATCH …/webhook-endpoints/:id`, audited
// `webhook_endpoint.update`, same chain), also against the Platform without audit.
// Both loads are bounded by the cost of the mutation around the audit row (with audit disabled the
// endpoint edit itself does not reach 1,000/s on the core it shares with PostgreSQL). The chain's own
// capacity is measured last: 32 writers inserting the org's audit rows directly, each in its own
// transaction with exactly the Platform's insert, while the Platform seals them (found by its periodic
// sweep, as it finds rows other replicas committed); the chain must keep up and verify.
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { forkReady, measure, stopChild } from '../lib/load.mjs';
import { startPlatformVariant } from '../lib/platform.mjs';
import { check, comparison } from '../lib/report.mjs';
import { alternatingRounds, medianRound } from '../lib/rounds.mjs';

export const name = 'audited-writes';

/** Pause after each load window (see `alternatingRounds`). */
const DRAIN_MS = 1000;
const AUDIT_DISABLED = 'same Platform, audit row disabled';

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

export async function run({ platform, seed, databaseUrl, cpus, timing, quick }) {
  const connections = 32;
  const path = `/api/v1/orgs/${seed.orgId}`;
  const options = { connections, ...timing, method: 'PATCH', headers: { 'content-type': 'application/json' }, setupRequest: renameRequest };
  const withPat = { ...options, headers: { ...options.headers, authorization: `Bearer ${seed.pat}` } };
  // Both Platforms are up through all four loads, so each side has the same idle twin reacting to its
  // change notifications (a rename tells every replica to forget the org's cached summary).
  const withoutAudit = await startPlatformVariant(platform, ['--without-audit'], { cpus: cpus.server });
  const rounds = quick ? 1 : 3;
  let renamePairs;
  let appends;
  let sealing;
  let intact;
  let verify;
  let editPairs;
  let ownRows;
  let rowsWrittenWithoutAudit;
  try {
    const renames = (target) => (windowTiming) => measure(`${target.origin}${path}`, { ...withPat, ...windowTiming });
    renamePairs = await alternatingRounds(renames(platform), renames(withoutAudit), rounds, timing, { pauseMs: DRAIN_MS });
    appends = await appendsOver(databaseUrl, seed.orgId, renamePairs.map((pair) => pair.platform));
    sealing = await sealingCatchUp(databaseUrl, seed.orgId);
    verify = await verifyChain(platform, seed);
    intact = chainIntact(verify);
    const endpointIds = await createEndpoints(platform, seed, connections);
    const edits = (target) => (windowTiming) => endpointEdits(target, seed, endpointIds, connections, windowTiming);
    editPairs = await alternatingRounds(edits(platform), edits(withoutAudit), rounds, timing, { pauseMs: DRAIN_MS });
    ownRows = await chainAfterEdits(platform, seed, databaseUrl, editPairs.map((pair) => pair.platform));
    rowsWrittenWithoutAudit = (await appendsOver(databaseUrl, seed.orgId, [...renamePairs, ...editPairs].map((pair) => pair.baseline))).rows;
  } finally {
    await withoutAudit.stop();
  }

  const capacity = await chainCapacity(platform, seed, databaseUrl, connections, timing);

  // Informational, so left out of --quick (which must stay under three minutes).
  let bare = null;
  if (!quick) {
    const { child, ready } = forkReady(new URL('../baselines/org-rename-server.mjs', import.meta.url), [databaseUrl, '10'], { cpus: cpus.server });
    try {
      bare = await measure(`http://127.0.0.1:${await ready}${path}`, options);
    } finally {
      await stopChild(child);
    }
  }
  const row = medianRound(`PATCH /api/v1/orgs/:orgId (rename, PAT), ${connections} concurrent writers on one org`, renamePairs, AUDIT_DISABLED);
  const editsRow = medianRound(`PATCH …/webhook-endpoints/:id, ${connections} writers each on its own endpoint`, editPairs, AUDIT_DISABLED);
  const audited = row.platform;
  const bareRow = bare && { ...comparison('PATCH /api/v1/orgs/:orgId (rename) vs a bare server', audited, bare), baselineLabel: 'bare Fastify + pg, same locked UPDATE in a transaction, no audit row, no auth' };
  return {
    title: '5. Audited writes: a mutation with its audit row vs the same mutation with audit disabled',
    comparisons: bareRow ? [row, editsRow, bareRow] : [row, editsRow],
    figures: { auditChain: { ...appends, sealing, verify }, auditChainOwnRows: ownRows.chain, auditChainCapacity: capacity, auditRowsWrittenWithAuditDisabled: rowsWrittenWithoutAudit },
    checks: [
      check('throughput ratio, rename: audited ÷ audit disabled', row.ratio, '>=', 0.8),
      check('throughput ratio, endpoint edits: audited ÷ audit disabled', editsRow.ratio, '>=', 0.8),
      check('audit appends/s on one org chain, 32 writers renaming the org (one row lock)', appends.appendsPerSecond, '>=', 1000, '/s'),
      check('audit appends/s on one org chain, 32 writers each editing its own endpoint', ownRows.chain.appendsPerSecond, '>=', 1000, '/s'),
      check(
        'audit chain capacity: the lower of appends/s (32 writers inserting the org\'s audit rows directly) and rows sealed/s',
        capacity.sealedPerSecond === null ? null : Math.min(capacity.appendsPerSecond, capacity.sealedPerSecond),
        '>=',
        1000,
        '/s',
      ),
      check('chain verifies once sealing caught up (1 = no break, none pending)', intact && ownRows.chain.intact && capacity.intact ? 1 : 0, '==', 1),
      check('no audit row written with audit disabled (the baseline really is without audit)', rowsWrittenWithoutAudit, '==', 0),
      check('2xx only (all loads)', [...renamePairs, ...editPairs].flatMap((pair) => [pair.platform, pair.baseline]).reduce((sum, r) => sum + r.non2xx + r.errors, 0), '==', 0),
    ],
    notes: bareRow ? [`Against the bare server (no Nest, no auth, no audit) the rename ratio is ${bareRow.ratio}: reported, no target.`] : [],
  };
}

/** The chain verified whole: no break, and no row left waiting for its seal. */
const chainIntact = (verify) => verify.status === 200 && verify.body.firstBreak === null && verify.body.rowsPendingSeal === 0;

const verifyChain = (platform, seed) =>
  fetch(`${platform.origin}/api/v1/orgs/${seed.orgId}/audit/verify`, { headers: { authorization: `Bearer ${seed.pat}` } })
    .then(async (response) => ({ status: response.status, body: await response.json() }))
    .catch((error) => ({ status: null, body: { error: error.message } }));

/** `count` outbound webhook endpoints of the measured org, one per writer. */
async function createEndpoints(platform, seed, count) {
  const headers = { authorization: `Bearer ${seed.pat}`, 'content-type': 'application/json' };
  const endpointIds = [];
  for (let i = 0; i < count; i += 1) {
    const response = await fetch(`${platform.origin}/api/v1/orgs/${seed.orgId}/webhook-endpoints`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ url: `https://hooks.example.com/bench-${i}`, eventTypes: ['run.succeeded'] }),
    });
    if (response.status !== 201) throw new Error(`creating endpoint ${i} answered ${response.status}: ${await response.text()}`);
    endpointIds.push((await response.json()).id);
  }
  return endpointIds;
}

/** `connections` writers, each editing its own endpoint of `endpointIds`, on `target` (a Platform). */
function endpointEdits(target, seed, endpointIds, connections, timing) {
  return measure(`${target.origin}/api/v1/orgs/${seed.orgId}/webhook-endpoints/${endpointIds[0]}`, {
    connections,
    ...timing,
    method: 'PATCH',
    headers: { authorization: `Bearer ${seed.pat}`, 'content-type': 'application/json' },
    setupRequest: endpointEditRequest(seed.orgId, endpointIds),
  });
}

/** The chain after the audited edit windows: its appends in them, and the chain verified once sealed. */
async function chainAfterEdits(platform, seed, databaseUrl, windows) {
  const appends = await appendsOver(databaseUrl, seed.orgId, windows);
  const sealing = await sealingCatchUp(databaseUrl, seed.orgId);
  const verify = await verifyChain(platform, seed);
  const intact = chainIntact(verify);
  const requestsPerSecond = Math.round(windows.reduce((sum, w) => sum + w.requests, 0) / appends.windowSeconds);
  return { chain: { ...appends, requestsPerSecond, p99Ms: Math.max(...windows.map((w) => w.p99Ms)), sealing, verify, intact } };
}

/** Audit rows of `orgId` written during the given load windows, and their rate over those windows. */
async function appendsOver(databaseUrl, orgId, windows) {
  let rows = 0;
  let seconds = 0;
  for (const window of windows) {
    const counted = await auditAppends(databaseUrl, orgId, window.startedAt, window.endedAt);
    rows += counted.rows;
    seconds += (window.endedAt - window.startedAt) / 1000;
  }
  return { rows, windowSeconds: Number(seconds.toFixed(1)), appendsPerSecond: Math.round(rows / seconds) };
}

/**
 * The chain alone: `connections` writers, each on its own connection, committing one audit row of the org
 * per transaction (BEGIN, the Platform's INSERT of an unsealed row, COMMIT) for the measured window; the
 * Platform seals them. Reports the append rate, how far sealing lagged when the writers stopped and how
 * long it took to catch up, and the verification.
 */
async function chainCapacity(platform, seed, databaseUrl, connections, timing) {
  const clients = await Promise.all(Array.from({ length: connections }, async () => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    return client;
  }));
  const insert = {
    name: 'bench-audit-append',
    text: `INSERT INTO audit_events (id, org_id, chain_key, occurred_at, actor_type, actor_id, actor_display, action, target_type, target_id, request_id, ip, user_agent, payload)
           VALUES (uuidv7(), $1, $1, now(), 'user', 'bench-writer', 'bench@example.com', 'bench.append', 'org', $1, $2, '127.0.0.1', 'bench', $3)`,
  };
  let written = 0;
  let stopAt = 0;
  const writer = async (client, index) => {
    while (performance.now() < stopAt) {
      await client.query('BEGIN');
      await client.query({ ...insert, values: [seed.orgId, `bench-${index}-${written}`, JSON.stringify({ writer: index })] });
      await client.query('COMMIT');
      written += 1;
    }
  };
  try {
    stopAt = performance.now() + timing.warmupSeconds * 1000;
    await Promise.all(clients.map(writer));
    const startedAt = new Date();
    const before = written;
    stopAt = performance.now() + timing.seconds * 1000;
    await Promise.all(clients.map(writer));
    const seconds = (Date.now() - startedAt.getTime()) / 1000;
    const appendsPerSecond = Math.round((written - before) / seconds);
    const sealing = await sealingCatchUp(databaseUrl, seed.orgId);
    const verify = await verifyChain(platform, seed);
    const intact = chainIntact(verify);
    // Sealing runs beside the writers (its sweep finds their rows), so what it owed when they stopped, over
    // the time it took to clear, is its rate while still contended: the chain keeps up when this is ≥ the append rate.
    // Nothing owed at the end means it kept pace with the writers.
    let sealedPerSecond = null;
    if (sealing.pendingAfterWait === 0) sealedPerSecond = sealing.pendingAtEnd === 0 ? appendsPerSecond : Math.round(sealing.pendingAtEnd / (Math.max(sealing.caughtUpMs, 1) / 1000));
    return { rows: written - before, windowSeconds: Number(seconds.toFixed(1)), appendsPerSecond, sealedPerSecond, sealing, verify, intact };
  } finally {
    await Promise.all(clients.map((client) => client.end()));
  }
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
