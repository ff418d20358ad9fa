import { runCli } from '../support/cli-process.js';
import { SimulatedOrchestrator } from '../support/simulated-orchestrator.js';
import { startTestApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/** Row counts of everything bootstrap may touch, to show a second run touches nothing. */
async function snapshot(db: TestDatabase): Promise<Record<string, number>> {
  const tables = ['orgs', 'org_members', 'invites', 'roles', 'role_assignments', 'users', 'personal_access_tokens', 'audit_events'];
  const counts: Record<string, number> = {};
  for (const table of tables) counts[table] = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;
  return counts;
}

describe('operator CLI (kici-platform)', () => {
  let db: TestDatabase;
  let env: Record<string, string>;

  beforeAll(async () => {
    db = await createTestDatabase();
    env = { KICI_DATABASE_URL: db.url };
  });

  afterAll(async () => {
    await db?.drop();
  });

  describe('bootstrap and orchestrator-key create', () => {
    it('creates a member-less organization with an Owner invitation, audited as the operator', async () => {
      const run = await runCli(['bootstrap', '--owner-email', 'Founder@Example.com', '--org-name', 'First Org'], env);
      expect(run.code).toBe(0);
      expect(run.values).toMatchObject({ org_id: expect.stringMatching(/^org_[0-9a-z]{12}$/), org_slug: 'first-org' });
      expect(run.values.owner_accept_url).toBe(`http://127.0.0.1:3000/api/v1/invites/${run.values.owner_invite_id}/accept`);
      expect(run.stderr).toContain('Bootstrap complete');

      const orgId = run.values.org_id!;
      expect(await db.query('SELECT user_id FROM org_members WHERE org_id = $1', [orgId])).toEqual([]);
      const [invite] = await db.query<{ email: string; status: string; role_ids: string[] }>('SELECT email, status, role_ids FROM invites WHERE org_id = $1', [orgId]);
      expect(invite).toMatchObject({ email: 'founder@example.com', status: 'pending' });
      const [owner] = await db.query<{ id: string }>('SELECT id FROM roles WHERE org_id = $1 AND is_owner', [orgId]);
      expect(invite!.role_ids).toEqual([owner!.id]);
      const audit = await db.query<{ action: string; actor_type: string; actor_id: string }>(
        'SELECT action, actor_type, actor_id FROM audit_events WHERE chain_key = $1 ORDER BY seq',
        [orgId],
      );
      expect(audit).toEqual([
        { action: 'org.create', actor_type: 'system', actor_id: 'platform-admin-cli' },
        { action: 'invite.create', actor_type: 'system', actor_id: 'platform-admin-cli' },
      ]);
      // The command sealed its rows into their chains before exiting.
      expect(await db.query('SELECT count(*)::int AS n FROM audit_events WHERE seq IS NULL')).toEqual([{ n: 0 }]);
    });

    it('changes nothing when run again, and says so', async () => {
      const args = ['bootstrap', '--owner-email', 'again@example.com', '--org-name', 'Twice Org'];
      const first = await runCli(args, env);
      expect(first.code).toBe(0);
      const before = await snapshot(db);
      const auditBefore = await db.query('SELECT id, hash FROM audit_events ORDER BY chain_key, seq');

      const second = await runCli(args, env);
      expect(second.code).toBe(0);
      expect(second.stderr).toContain('Nothing changed: already bootstrapped');
      expect(second.values).toEqual(first.values);
      expect(await snapshot(db)).toEqual(before);
      expect(await db.query('SELECT id, hash FROM audit_events ORDER BY chain_key, seq')).toEqual(auditBefore);
    });

    it('mints a key on stdout alone that an orchestrator connects with to a Platform on the same database', async () => {
      const bootstrap = await runCli(['bootstrap', '--owner-email', 'ops@example.com', '--org-name', 'Fleet Org'], env);
      expect(bootstrap.code).toBe(0);
      const created = await runCli(['orchestrator-key', 'create', '--org', 'fleet-org', '--name', 'build cluster'], env);
      expect(created.code).toBe(0);
      expect(created.stdout).toMatch(/^kici_ok_[0-9A-Za-z]{38}\n$/);
      const key = created.stdout.trim();
      const [row] = await db.query<{ action: string; actor_id: string }>(
        "SELECT action, actor_id FROM audit_events WHERE chain_key = $1 AND action = 'orchestrator_key.create'",
        [bootstrap.values.org_id],
      );
      expect(row).toEqual({ action: 'orchestrator_key.create', actor_id: 'platform-admin-cli' });

      const platform = await startTestApp(db.url);
      try {
        const { orch, success } = await SimulatedOrchestrator.connect(`${platform.origin.replace('http', 'ws')}/ws`, key);
        expect(success).toMatchObject({ type: 'auth.success', orgId: bootstrap.values.org_id });
        orch.close();
      } finally {
        await platform.close();
      }
    });

    it('with --pat creates the Owner, joins them and prints a token once that the API accepts', async () => {
      const args = ['bootstrap', '--owner-email', 'dev@example.com', '--org-name', 'Dev Org', '--pat'];
      const first = await runCli(args, env);
      expect(first.code).toBe(0);
      expect(first.values.pat).toMatch(/^kici_pat_/);
      const before = await snapshot(db);

      const second = await runCli(args, env);
      expect(second.code).toBe(0);
      expect(second.values.pat).toBeUndefined();
      expect(second.stderr).toContain('Nothing changed: already bootstrapped');
      expect(await snapshot(db)).toEqual(before);

      const platform = await startTestApp(db.url);
      try {
        const response = await fetch(`${platform.origin}/api/v1/orgs/${first.values.org_id}/members`, { headers: { authorization: `Bearer ${first.values.pat}` } });
        expect(response.status).toBe(200);
        expect(JSON.stringify(await response.json())).toContain('dev@example.com');
      } finally {
        await platform.close();
      }
    });

    it('refuses an unknown organization (65) and --pat with an external identity provider (64)', async () => {
      const unknown = await runCli(['orchestrator-key', 'create', '--org', 'no-such-org', '--name', 'x'], env);
      expect(unknown.code).toBe(65);
      expect(unknown.stderr).toContain('No organization with id or slug "no-such-org"');
      const external = await runCli(['bootstrap', '--owner-email', 'a@example.com', '--org-name', 'X', '--pat'], { ...env, KICI_OIDC_ISSUER: 'https://id.example.com' });
      expect(external.code).toBe(64);
      expect(external.stderr).toContain('--pat works only with the development identity provider');
    });
  });

  describe('audit verify', () => {
    it('reports an intact organization chain and the Platform chain', async () => {
      await runCli(['bootstrap', '--owner-email', 'audit@example.com', '--org-name', 'Audit Org'], env);
      const org = await runCli(['audit', 'verify', '--org', 'audit-org'], env);
      expect(org.code).toBe(0);
      expect(org.stdout).toMatch(/^intact: org_[0-9a-z]{12} \(2 rows\)$/m);
      const platform = await runCli(['audit', 'verify'], env);
      expect(platform.code).toBe(0);
      expect(platform.stdout).toMatch(/^intact: platform \(\d+ rows\)$/m);
    });

    it('says there is no chain for an organization that does not exist', async () => {
      const run = await runCli(['audit', 'verify', '--org', 'org_doesnotexist'], env);
      expect(run.code).toBe(65);
      expect(run.stderr).toContain('No organization or audit chain for "org_doesnotexist"');
    });

    it('exits 1 naming the first row changed behind the triggers', async () => {
      const { values } = await runCli(['bootstrap', '--owner-email', 'victim@example.com', '--org-name', 'Tampered Org'], env);
      await db.transaction(async (client) => {
        // Triggers do not fire for a session in replica mode: the superuser's way around them.
        await client.query('SET LOCAL session_replication_role = replica');
        await client.query(`UPDATE audit_events SET payload = '{"forged":true}' WHERE chain_key = $1 AND seq = 2`, [values.org_id]);
      });
      const run = await runCli(['audit', 'verify', '--org', values.org_id!], env);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(new RegExp(`BROKEN: ${values.org_id} at seq 2 \\(row [0-9a-f-]{36}\\): hash_mismatch`));
    });
  });

  describe('migrate', () => {
    it('lists pending migrations (exit 1), applies them, then reports none pending (exit 0)', async () => {
      const empty = await createTestDatabase({ empty: true });
      try {
        const emptyEnv = { KICI_DATABASE_URL: empty.url };
        const pending = await runCli(['migrate', '--status'], emptyEnv);
        expect(pending.code).toBe(1);
        expect(pending.stdout).toMatch(/^pending {2}CreateAuditEvents1795881241812$/m);
        expect(pending.stdout).not.toContain('applied');

        const applied = await runCli(['migrate'], emptyEnv);
        expect(applied.code).toBe(0);
        expect(applied.stdout).toMatch(/^applied {2}CreateAuditEvents1795881241812$/m);

        const status = await runCli(['migrate', '--status'], emptyEnv);
        expect(status.code).toBe(0);
        expect(status.stdout).not.toContain('pending');
        expect(status.stderr).toContain('Schema is up to date');
        expect((await runCli(['migrate'], emptyEnv)).stderr).toContain('nothing to apply');
      } finally {
        await empty.drop();
      }
    });
  });

  describe('config check', () => {
    it('exits 78 listing every invalid setting, as the server does', async () => {
      const run = await runCli(['config', 'check'], { KICI_PORT: '70000', KICI_LOG_LEVEL: 'loud' });
      expect(run.code).toBe(78);
      expect(run.stderr).toContain('KICI_PORT: must be at most 65535');
      expect(run.stderr).toContain('KICI_LOG_LEVEL');
      expect(run.stdout).toBe('');
    });

    it('prints the effective settings with secrets masked', async () => {
      const key = Buffer.alloc(32, 3).toString('base64');
      const run = await runCli(['config', 'check'], { KICI_DATABASE_URL: 'postgres://kici:hunter2@db.internal:5432/kici', KICI_SECRET_KEY: key, KICI_PORT: '8080', KICI_PROT: '1' });
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('http.port = 8080');
      expect(run.stdout).toContain('database.url = postgres://kici:****@db.internal:5432/kici');
      expect(run.stdout).not.toContain('hunter2');
      expect(run.stdout).not.toContain(key);
      expect(run.stderr).toContain('unknown setting KICI_PROT');
    });
  });

  describe('usage', () => {
    it.each([
      [[], 'Usage: kici-platform <command>'],
      [['frobnicate'], 'Unknown command "frobnicate"'],
      [['migrate', '--force'], "Unknown option '--force'"],
      [['audit', 'verify', 'extra'], 'Unexpected argument'],
      [['bootstrap', '--org-name', 'X'], '--owner-email is required'],
      [['bootstrap', '--owner-email', 'not-an-email', '--org-name', 'X'], 'is not an email address'],
      [['orchestrator-key', 'create', '--org'], "Option '--org <value>' argument missing"],
    ])('exits 64 with the usage on stderr for %j', async (args, message) => {
      const run = await runCli(args, {});
      expect(run.code).toBe(64);
      expect(run.stderr).toContain(message);
      expect(run.stderr).toContain('Usage: kici-platform');
      expect(run.stdout).toBe('');
    });

    it.each(['migrate', 'bootstrap', 'orchestrator-key create', 'audit verify', 'config check'])('prints the help of %s on stdout', async (name) => {
      const run = await runCli([...name.split(' '), '--help'], {});
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`Usage: kici-platform ${name}`);
      expect(run.stdout).toContain('Exit codes:');
    });
  });
});
