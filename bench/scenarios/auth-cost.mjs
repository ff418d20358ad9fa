// Scenario 2 — cost of authentication: one trivial handler (answers a constant, no query of its own) mounted
// both public and behind authentication on a second Platform process on the same database
// (bench/lib/platform-variant.mjs --probe-routes), so each pair differs only in the access rule the global
// guard applies: PAT and OIDC JWT on a user route, a user API key (`kici_sk_`, org-scoped) and a PAT on an
// org member route (that rule also resolves the caller's membership of `:orgId`, which is part of what an
// org-scoped credential costs), each against its public twin at the same path shape. Lookups are cached; a
// revocation still reaches every replica at once (tested in the e2e and security suites).
// Also reported in full runs, without a target: the product's own `GET /api/v1/user` (PAT) against `GET /health`.
import { measure } from '../lib/load.mjs';
import { devIdpJwt, startPlatformVariant } from '../lib/platform.mjs';
import { check, comparison } from '../lib/report.mjs';
import { alternatingRounds, medianRound } from '../lib/rounds.mjs';

export const name = 'auth-cost';

export async function run({ platform, seed, cpus, timing, quick }) {
  const connections = 32;
  const bearer = (token) => ({ authorization: `Bearer ${token}` });
  const probes = await startPlatformVariant(platform, ['--probe-routes'], { cpus: cpus.server });
  const comparisons = [];
  try {
    // The dev identity provider's tokens name the origin that issued them: sign one for this process.
    const jwt = await devIdpJwt(probes);
    const url = (path) => `${probes.origin}${path.replace(':orgId', seed.orgId)}`;
    await assertProbesGuarded(url, seed);
    const userPublic = '/api/v1/bench-probe/public';
    const orgPublic = '/api/v1/orgs/:orgId/bench-probe/public';
    const cases = [
      ['PAT', '/api/v1/bench-probe/user', seed.pat, userPublic],
      ['OIDC JWT (dev IdP key)', '/api/v1/bench-probe/user', jwt, userPublic],
      ['user API key kici_sk_', '/api/v1/orgs/:orgId/bench-probe/member', seed.apiKey, orgPublic],
      ['PAT', '/api/v1/orgs/:orgId/bench-probe/member', seed.pat, orgPublic],
    ];
    // Each case alternates with its own public twin in rounds; the median round's ratio is kept.
    const rounds = quick ? 1 : 3;
    for (const [credential, path, token, publicPath] of cases) {
      const withCredential = (window) => measure(url(path), { connections, ...window, headers: bearer(token) });
      const withoutCredential = (window) => measure(url(publicPath), { connections, ...window });
      const pairs = await alternatingRounds(withCredential, withoutCredential, rounds, timing);
      const label = `${credential} on GET ${path} vs the same handler public, ${connections} connections`;
      comparisons.push(medianRound(label, pairs, `same handler, public (GET ${publicPath})`));
    }
  } finally {
    await probes.stop();
  }
  // Informational, so left out of --quick (which must stay under three minutes).
  let productRow = null;
  if (!quick) {
    const health = await measure(`${platform.origin}/health`, { connections, ...timing });
    const userRoute = await measure(`${platform.origin}/api/v1/user`, { connections, ...timing, headers: bearer(seed.pat) });
    productRow = { ...comparison('PAT on GET /api/v1/user vs GET /health (product routes, different handlers)', userRoute, health), baselineLabel: 'GET /health (public)' };
  }
  const allRows = productRow ? [...comparisons, productRow] : comparisons;
  return {
    title: '2. Cost of authentication: the same trivial handler behind each credential vs public',
    comparisons: allRows,
    checks: [
      ...comparisons.map((row) => check(`ratio ${row.label.split(' vs ')[0]}`, row.ratio, '>=', 0.85)),
      ...allRows.map((row) => check(`2xx only: ${row.label.split(' vs ')[0]}`, row.platform.non2xx + row.platform.errors + row.baseline.non2xx + row.baseline.errors, '==', 0)),
    ],
    notes: productRow
      ? [`The product's GET /api/v1/user (PAT) against GET /health, which differ in handler and answer as well as in authentication: ratio ${productRow.ratio}, reported without a target.`]
      : [],
  };
}

/** The comparison means something only if the probes are guarded as declared: refuse the run otherwise. */
async function assertProbesGuarded(url, seed) {
  const status = async (path, token) => (await fetch(url(path), { headers: token ? { authorization: `Bearer ${token}` } : {} })).status;
  const expected = [
    ['/api/v1/bench-probe/public', null, 200],
    ['/api/v1/bench-probe/user', null, 401],
    ['/api/v1/bench-probe/user', seed.pat, 200],
    ['/api/v1/bench-probe/user', seed.apiKey, 403], // an org-scoped key is refused on a user route
    ['/api/v1/orgs/:orgId/bench-probe/public', null, 200],
    ['/api/v1/orgs/:orgId/bench-probe/member', null, 401],
    ['/api/v1/orgs/:orgId/bench-probe/member', seed.apiKey, 200],
  ];
  for (const [path, token, want] of expected) {
    const got = await status(path, token);
    if (got !== want) throw new Error(`probe ${path} ${token ? 'with' : 'without'} a token answered ${got}, expected ${want}`);
  }
}
