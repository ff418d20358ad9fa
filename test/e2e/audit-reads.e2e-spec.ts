import { AUDIT_CHAIN_LOCK_NAMESPACE } from '../../src/modules/audit/infrastructure/audit-chain-sealer.js';
import { apiCaller, createOrg, join, roleId, signIn, type TestUser } from '../support/org-fixture.js';
import { orgSuite } from '../support/suites.js';
import { auditSealed } from '../support/audit-sealing.js';

describe('reading the audit log', () => {
  const suite = orgSuite('Audited');

  beforeAll(async () => {
    for (const name of ['alpha', 'beta', 'gamma']) {
      await suite.call(suite.owner.token, 'POST', `/orgs/${suite.orgId}/roles`, { name, permissions: { runs: 'read' } });
    }
    await suite.call(suite.owner.token, 'PATCH', `/orgs/${suite.orgId}`, { displayName: 'Audited & Renamed' });
    await auditSealed(suite.db, suite.orgId);
  });

  type Page = { events: { seq: string | null; action: string; actorType: string; actorEmail: string | null; payload: Record<string, unknown> }[]; nextCursor: string | null };
  const audit = async (query = ''): Promise<Page> => {
    const response = await suite.call(suite.owner.token, 'GET', `/orgs/${suite.orgId}/audit${query}`);
    expect(response.status).toBe(200);
    return (await response.json()) as Page;
  };

  it('lists the organization rows newest first, with the acting user', async () => {
    const { events } = await audit();
    expect(events.map((event) => event.action)).toEqual(['org.rename', 'role.create', 'role.create', 'role.create', 'org.create']);
    expect(events[0]).toMatchObject({ actorType: 'user', actorEmail: 'owner@example.com' });
  });

  it('filters by action prefix, actor, target and text', async () => {
    expect((await audit('?action=role.*')).events).toHaveLength(3);
    expect((await audit('?action=org.rename')).events).toHaveLength(1);
    expect((await audit('?actorType=api_key')).events).toHaveLength(0);
    expect((await audit('?q=gamma')).events.map((event) => event.payload.name)).toEqual(['gamma']);
    expect((await audit('?q=100%25')).events).toHaveLength(0);
    expect((await audit(`?targetType=org&targetId=${suite.orgId}`)).events.map((event) => event.action)).toEqual(['org.rename', 'org.create']);
  });

  it('filters by time range', async () => {
    const future = new Date(Date.now() + 60_000).toISOString();
    expect((await audit(`?from=${encodeURIComponent(future)}`)).events).toHaveLength(0);
    expect((await audit(`?to=${encodeURIComponent(future)}`)).events).toHaveLength(5);
  });

  it('pages with a cursor without repeating or skipping rows, also while rows are added', async () => {
    const first = await audit('?limit=2');
    expect(first.events).toHaveLength(2);
    await suite.call(suite.owner.token, 'POST', `/orgs/${suite.orgId}/roles`, { name: 'delta', permissions: {} });
    const second = await audit(`?limit=2&cursor=${first.nextCursor}`);
    const third = await audit(`?limit=2&cursor=${second.nextCursor}`);
    expect(third.nextCursor).toBeNull();
    const seqs = [...first.events, ...second.events, ...third.events].map((event) => Number(event.seq));
    // Row 6 (delta) arrived after the first page: later pages continue below it, untouched.
    expect(seqs).toEqual([5, 4, 3, 2, 1]);
  });

  it('starts over on a malformed cursor and refuses bad parameters', async () => {
    expect((await audit('?cursor=%%%garbage')).events.length).toBeGreaterThan(0);
    for (const query of ['?limit=0', '?limit=500', '?from=yesterday', '?sort=asc']) {
      const response = await suite.call(suite.owner.token, 'GET', `/orgs/${suite.orgId}/audit${query}`);
      expect(response.status).toBe(400);
    }
  });

  it('serves the Activity view as Platform rows with partial results', async () => {
    const response = await suite.call(suite.owner.token, 'GET', `/orgs/${suite.orgId}/activity?limit=1`);
    const body = (await response.json()) as { rows: Record<string, unknown>[]; partialResults: boolean; nextCursor: string };
    expect(body.partialResults).toBe(true);
    expect(body.rows[0]).toMatchObject({ source: 'audit_log', outcome: null, actorType: 'user', actorEmail: 'owner@example.com' });
    expect(body.nextCursor).toEqual(expect.any(String));
  });

  it('verifies the chain, and finds a tampered row', async () => {
    await auditSealed(suite.db, suite.orgId);
    expect(await (await suite.call(suite.owner.token, 'GET', `/orgs/${suite.orgId}/audit/verify`)).json()).toMatchObject({ rowsChecked: 6, firstBreak: null, rowsPendingSeal: 0 });
    await suite.db.transaction(async (client) => {
      await client.query('SET LOCAL session_replication_role = replica');
      await client.query(`UPDATE audit_events SET payload = '{"name":"forged"}' WHERE chain_key = $1 AND seq = 3`, [suite.orgId]);
    });
    const result = (await (await suite.call(suite.owner.token, 'GET', `/orgs/${suite.orgId}/audit/verify`)).json()) as { firstBreak: { seq: string; reason: string } };
    expect(result.firstBreak).toMatchObject({ seq: '3', reason: 'hash_mismatch' });
  });

  it('needs audit:read, and shows nothing of other organizations', async () => {
    const member = await join(suite.platform, suite.orgId, suite.owner, 'no-audit@example.com');
    const blind = (await (await suite.call(suite.owner.token, 'POST', `/orgs/${suite.orgId}/roles`, { name: 'blind', permissions: { runs: 'read' } })).json()) as { id: string };
    await suite.call(suite.owner.token, 'PUT', `/orgs/${suite.orgId}/members/${member.userId}/roles/${blind.id}`);
    await suite.call(suite.owner.token, 'DELETE', `/orgs/${suite.orgId}/members/${member.userId}/roles/${await roleId(suite.platform, suite.owner, suite.orgId, 'Member')}`);
    const refused = await suite.call(member.token, 'GET', `/orgs/${suite.orgId}/audit`);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: 'Insufficient permission: audit.read needed' });

    const stranger = await signIn(suite.platform, 'stranger@example.com');
    const theirs = await createOrg(suite.platform, stranger, 'Theirs');
    const { events } = (await (await suite.call(stranger.token, 'GET', `/orgs/${theirs}/audit`)).json()) as Page;
    expect(events.map((event) => event.action)).toEqual(['org.create']);
  });

  it('lists a row from its commit on, before it is sealed into its chain, and verifies it once sealed', async () => {
    const orgId = await createOrg(suite.platform, suite.owner, 'Sealed Later');
    await auditSealed(suite.db, orgId);
    // Holding the chain's sealing lock (what a sealer of the chain waits for) keeps the next row unsealed.
    await suite.db.transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [AUDIT_CHAIN_LOCK_NAMESPACE, orgId]);
      expect((await suite.call(suite.owner.token, 'POST', `/orgs/${orgId}/roles`, { name: 'fresh', permissions: {} })).status).toBe(201);
      const { events } = (await (await suite.call(suite.owner.token, 'GET', `/orgs/${orgId}/audit`)).json()) as Page;
      expect(events.map((event) => [event.action, event.seq])).toEqual([
        ['role.create', null],
        ['org.create', '1'],
      ]);
      expect(await (await suite.call(suite.owner.token, 'GET', `/orgs/${orgId}/audit/verify`)).json()).toEqual({ chainKey: orgId, rowsChecked: 1, firstBreak: null, rowsPendingSeal: 1 });
    });
    await auditSealed(suite.db, orgId);
    expect(await (await suite.call(suite.owner.token, 'GET', `/orgs/${orgId}/audit/verify`)).json()).toEqual({ chainKey: orgId, rowsChecked: 2, firstBreak: null, rowsPendingSeal: 0 });
  });
});
