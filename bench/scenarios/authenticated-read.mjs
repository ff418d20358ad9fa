// Scenario 1 — authenticated read: `GET /api/v1/orgs/:orgId/runs` with a PAT (10,000 runs in the org,
// 200 members, 50 orgs) against a bare Fastify + pg server running the same SQL without auth.
import { forkReady, measure, stopChild } from '../lib/load.mjs';
import { check, comparison } from '../lib/report.mjs';

export const name = 'authenticated-read';

export async function run({ platform, seed, databaseUrl, cpus, timing }) {
  const connections = 64;
  const path = `/api/v1/orgs/${seed.orgId}/runs`;
  const platformSide = await measure(`${platform.origin}${path}`, { connections, ...timing, headers: { authorization: `Bearer ${seed.pat}` } });
  const { child, ready } = forkReady(new URL('../baselines/list-runs-server.mjs', import.meta.url), [databaseUrl, '10'], { cpus: cpus.server });
  let baselineSide;
  try {
    const port = await ready;
    baselineSide = await measure(`http://127.0.0.1:${port}${path}`, { connections, ...timing });
  } finally {
    await stopChild(child);
  }
  const row = { ...comparison(`GET ${path.replace(seed.orgId, ':orgId')} (PAT), ${connections} connections`, platformSide, baselineSide), baselineLabel: 'bare Fastify + pg, same SQL, no auth' };
  return {
    title: '1. Authenticated read: list runs (PAT) vs bare Fastify + pg',
    comparisons: [row],
    checks: [
      check('throughput ratio platform ÷ baseline', row.ratio, '>=', 0.6),
      check('platform p99 at 64 connections (ms)', platformSide.p99Ms, '<=', 20, ' ms'),
      check('platform answered 2xx only', platformSide.non2xx + platformSide.errors, '==', 0),
    ],
  };
}
