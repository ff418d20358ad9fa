import { apiCaller, createOrg, join, signIn, type TestUser } from '../support/org-fixture.js';
import { orgSuite } from '../support/suites.js';
import { auditSealed } from '../support/audit-sealing.js';

describe('orchestrator keys (kici_ok_)', () => {
  const suite = orgSuite('Fleet Co');

  it('creates a key shown once, listed by its 16-character prefix, stored only as a hash', async () => {
    const response = await suite.call(suite.owner.token, 'POST', `/orgs/${suite.orgId}/orchestrator-keys`, { name: 'prod cluster', routingPatterns: ['github:acme/*'] });
    expect(response.status).toBe(201);
    const created = (await response.json()) as { id: string; key: string; keyPrefix: string; routingPatterns: string[] };
    expect(created.key).toMatch(/^kici_ok_[0-9A-Za-z]{38}$/);
    expect(created.keyPrefix).toBe(created.key.slice(0, 16));
    expect(created.routingPatterns).toEqual(['github:acme/*']);

    const listed = await (await suite.call(suite.owner.token, 'GET', `/orgs/${suite.orgId}/orchestrator-keys`)).text();
    expect(listed).toContain(created.keyPrefix);
    expect(listed).not.toContain(created.key);
    expect(JSON.stringify(await suite.db.query('SELECT * FROM orchestrator_keys'))).not.toContain(created.key);

    const onHttp = await suite.call(created.key, 'GET', `/orgs/${suite.orgId}`);
    expect(onHttp.status).toBe(401);
    expect(await onHttp.json()).toMatchObject({ error: 'Orchestrator keys authenticate only on /ws' });
  });

  it('lets members read the list and only api_keys:admin create or revoke', async () => {
    const member = await join(suite.platform, suite.orgId, suite.owner, 'member@example.com');
    expect((await suite.call(member.token, 'GET', `/orgs/${suite.orgId}/orchestrator-keys`)).status).toBe(200);
    const refused = await suite.call(member.token, 'POST', `/orgs/${suite.orgId}/orchestrator-keys`, { name: 'rogue' });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: 'Insufficient permission: api_keys.admin needed' });
  });

  it('revokes softly, once, with an audit row', async () => {
    const { id } = (await (await suite.call(suite.owner.token, 'POST', `/orgs/${suite.orgId}/orchestrator-keys`, { name: 'old' })).json()) as { id: string };
    expect((await suite.call(suite.owner.token, 'DELETE', `/orgs/${suite.orgId}/orchestrator-keys/${id}`)).status).toBe(204);
    expect((await suite.call(suite.owner.token, 'DELETE', `/orgs/${suite.orgId}/orchestrator-keys/${id}`)).status).toBe(404);
    const { orchestratorKeys } = (await (await suite.call(suite.owner.token, 'GET', `/orgs/${suite.orgId}/orchestrator-keys`)).json()) as {
      orchestratorKeys: { id: string; revokedAt: string | null }[];
    };
    expect(orchestratorKeys.find((key) => key.id === id)!.revokedAt).toEqual(expect.any(String));
    await auditSealed(suite.db);
    const actions = await suite.db.query<{ action: string }>('SELECT action FROM audit_events WHERE target_id = $1 ORDER BY seq', [id]);
    expect(actions.map((row) => row.action)).toEqual(['orchestrator_key.create', 'orchestrator_key.revoke']);
  });

  it('refuses invalid bodies', async () => {
    for (const body of [{}, { name: '' }, { name: 'x', routingPatterns: [''] }, { name: 'x', extra: 1 }]) {
      expect((await suite.call(suite.owner.token, 'POST', `/orgs/${suite.orgId}/orchestrator-keys`, body)).status).toBe(400);
    }
  });
});
