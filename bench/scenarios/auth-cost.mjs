// Scenario 2 — cost of authentication. The fairest pair the product has: `GET /api/v1/user` (a user route
// whose handler only echoes the resolved principal: no query of its own) against `GET /health` (public,
// handler echoes a constant and the uptime), so the difference is the credential check and nothing else.
// `/api/v1/user` takes PATs and OIDC JWTs only; a user API key (`kici_sk_`) is org-scoped, so it is measured
// on `GET /api/v1/orgs/:orgId` (any member; the organization's summary, which the access cache keeps like the
// credential itself) — that ratio also carries the org membership check, part of what an org-scoped
// credential costs; PAT is measured on the same route to compare like with like.
import { measure } from '../lib/load.mjs';
import { check, comparison } from '../lib/report.mjs';

export const name = 'auth-cost';

export async function run({ platform, seed, timing }) {
  const connections = 32;
  const url = (path) => `${platform.origin}${path}`;
  const bearer = (token) => ({ authorization: `Bearer ${token}` });
  const publicSide = await measure(url('/health'), { connections, ...timing });
  const orgRoute = `/api/v1/orgs/${seed.orgId}`;
  const cases = [
    ['PAT', '/api/v1/user', seed.pat],
    ['OIDC JWT (dev IdP key)', '/api/v1/user', seed.jwt],
    ['user API key kici_sk_', orgRoute, seed.apiKey],
    ['PAT', orgRoute, seed.pat],
  ];
  const comparisons = [];
  for (const [credential, path, token] of cases) {
    const result = await measure(url(path), { connections, ...timing, headers: bearer(token) });
    comparisons.push({ ...comparison(`${credential} on GET ${path.replace(seed.orgId, ':orgId')} vs GET /health, ${connections} connections`, result, publicSide), baselineLabel: 'GET /health (public)' });
  }
  return {
    title: '2. Cost of authentication: authenticated route vs public route of similar weight',
    comparisons,
    checks: [
      ...comparisons.map((row) => check(`ratio ${row.label.split(' vs ')[0]}`, row.ratio, '>=', 0.85)),
      ...comparisons.map((row) => check(`2xx only: ${row.label.split(' vs ')[0]}`, row.platform.non2xx + row.platform.errors, '==', 0)),
    ],
    notes: ['The GET /api/v1/orgs/:orgId rows include the org membership check (cached like the credential) that /health does not do.'],
  };
}
