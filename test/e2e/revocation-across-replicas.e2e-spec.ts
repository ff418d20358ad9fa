import { AccessCache } from '../../src/shared/auth/access-cache.js';
import { patFor } from '../support/dev-idp-tokens.js';
import { eventually } from '../support/eventually.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { type RunningTestApp, startTestApp } from '../support/test-app.js';

/**
 * Two Platform replicas on one database: a PAT revoked through one is refused by the other within a second,
 * and an organization renamed through one shows its new name on the other within a second.
 */
describe('revocation across replicas', () => {
  let db: TestDatabase;
  let first: RunningTestApp;
  let second: RunningTestApp;

  beforeAll(async () => {
    db = await createTestDatabase();
    first = await startTestApp(db.url);
    second = await startTestApp(db.url, { KICI_OIDC_ISSUER: `${first.origin}/oidc` });
  });

  afterAll(async () => {
    await second?.close();
    await first?.close();
    await db?.drop();
  });

  const get = (replica: RunningTestApp, token: string): Promise<Response> =>
    fetch(`${replica.origin}/api/v1/user/orgs`, { headers: { authorization: `Bearer ${token}` } });

  it('refuses the PAT on the other replica within a second (in practice, the next request)', async () => {
    const { id, token } = await patFor(first, 'ops@example.com');
    expect((await get(second, token)).status).toBe(200);
    const revoked = await fetch(`${first.origin}/api/v1/pats/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
    expect(revoked.status).toBe(204);
    // Replicas cache credentials; the revocation reaches the other one by NOTIFY, delivered at commit.
    const startedAt = Date.now();
    await eventually(async () => expect((await get(second, token)).status).toBe(401), 1000);
    expect(Date.now() - startedAt).toBeLessThan(1000);
  });

  it('refuses an expired PAT on every replica', async () => {
    const { id, token } = await patFor(first, 'ops@example.com', 'second-machine');
    expect((await get(second, token)).status).toBe(200);
    await db.query("UPDATE personal_access_tokens SET expires_at = now() WHERE id = $1", [id]);
    // Editing the row behind the Platform's back stands in for time passing: the replicas' access caches
    // hold the token's real expiry, which a real clock would reach; this edit moves it without telling them.
    for (const replica of [first, second]) replica.app.get(AccessCache).clear();
    const response = await get(second, token);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: 'Personal access token has expired' });
  });

  it("shows an organization's new name on the other replica within a second, though its summary was cached there", async () => {
    const { token } = await patFor(first, 'owner@example.com', 'rename-machine');
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const { id } = (await (await fetch(`${first.origin}/api/v1/orgs`, { method: 'POST', headers, body: JSON.stringify({ name: 'Before Rename' }) })).json()) as { id: string };
    const summaryOn = async (replica: RunningTestApp): Promise<{ displayName: string }> =>
      (await (await fetch(`${replica.origin}/api/v1/orgs/${id}`, { headers })).json()) as { displayName: string };
    expect(await summaryOn(second)).toMatchObject({ displayName: 'Before Rename' });
    expect((await fetch(`${first.origin}/api/v1/orgs/${id}`, { method: 'PATCH', headers, body: JSON.stringify({ displayName: 'After Rename' }) })).status).toBe(200);
    // Well inside the access cache's 15 s lifetime: only the notification can make this pass.
    await eventually(async () => expect(await summaryOn(second)).toMatchObject({ displayName: 'After Rename' }), 1000);
  });
});
