import { QueryBus } from '@nestjs/cqrs';
import { VerifyAuditChainQuery } from '../../src/modules/audit/index.js';
import { devIdpToken, patFor } from '../support/dev-idp-tokens.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { type RunningTestApp, startTestApp } from '../support/test-app.js';
import { auditSealed } from '../support/audit-sealing.js';

describe('personal organization and GET /api/v1/user/orgs', () => {
  let db: TestDatabase;
  let platform: RunningTestApp;

  beforeAll(async () => {
    db = await createTestDatabase();
    platform = await startTestApp(db.url);
  });

  afterAll(async () => {
    await platform?.close();
    await db?.drop();
  });

  const userOrgs = async (token: string): Promise<{ orgs: Record<string, unknown>[] }> => {
    const response = await fetch(`${platform.origin}/api/v1/user/orgs`, {
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    });
    expect(response.status).toBe(200);
    return (await response.json()) as { orgs: Record<string, unknown>[] };
  };

  it('gives a new user one personal organization they own, listed as the CLI expects', async () => {
    const { token } = await patFor(platform, 'linus@example.com');
    const { orgs } = await userOrgs(token);
    expect(orgs).toEqual([
      {
        id: expect.stringMatching(/^org_[0-9a-z]{12}$/),
        displayName: 'linus (personal)',
        isOwner: true,
        role: 'Owner',
        isPersonal: true,
        publicAlias: expect.stringMatching(/^oal_[0-9A-Za-z]{12}$/),
      },
    ]);
  });

  it('seeds the built-in Owner and default Member roles', async () => {
    const { token } = await patFor(platform, 'margaret@example.com');
    const [org] = (await userOrgs(token)).orgs;
    const roles = await db.query<{ name: string; is_owner: boolean; permissions: Record<string, string> }>(
      'SELECT name, is_owner, permissions FROM roles WHERE org_id = $1 ORDER BY name',
      [org!.id],
    );
    expect(roles.map((role) => [role.name, role.is_owner])).toEqual([
      ['Member', false],
      ['Owner', true],
    ]);
    const [member, owner] = roles;
    expect(Object.keys(owner!.permissions)).toHaveLength(17);
    expect(new Set(Object.values(owner!.permissions))).toEqual(new Set(['admin']));
    expect(member!.permissions).toMatchObject({ runs: 'read', event_log: 'read', ci_trust: 'none', support: 'none', fleet: 'none' });
  });

  it('audits the user on the platform chain and the organization on its own chain, both verifiable', async () => {
    const { token } = await patFor(platform, 'barbara@example.com');
    const [org] = (await userOrgs(token)).orgs;
    const rows = await db.query<{ action: string; chain_key: string }>(
      "SELECT action, chain_key FROM audit_events WHERE action IN ('user.create', 'org.create') AND (chain_key = $1 OR payload->>'email' = 'barbara@example.com')",
      [org!.id],
    );
    expect(rows).toEqual(expect.arrayContaining([{ action: 'user.create', chain_key: 'platform' }, { action: 'org.create', chain_key: org!.id }]));
    const queries = platform.app.get(QueryBus);
    await auditSealed(db);
    await expect(queries.execute(new VerifyAuditChainQuery(org!.id as string))).resolves.toMatchObject({ firstBreak: null, rowsPendingSeal: 0 });
    await expect(queries.execute(new VerifyAuditChainQuery(null))).resolves.toMatchObject({ firstBreak: null, rowsPendingSeal: 0 });
  });

  it('creates one user and one personal organization when a new user sends many first requests at once', async () => {
    const token = await devIdpToken(platform, 'burst@example.com');
    const responses = await Promise.all(
      Array.from({ length: 12 }, () => fetch(`${platform.origin}/api/v1/user/orgs`, { headers: { authorization: `Bearer ${token}` } })),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(12).fill(200));
    const [users] = await db.query<{ n: string }>("SELECT count(*) AS n FROM users WHERE email = 'burst@example.com'");
    expect(Number(users!.n)).toBe(1);
    const [orgs] = await db.query<{ n: string }>(
      "SELECT count(*) AS n FROM orgs o JOIN users u ON u.id = o.created_by WHERE u.email = 'burst@example.com'",
    );
    expect(Number(orgs!.n)).toBe(1);
  });
});
