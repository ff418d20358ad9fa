import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { Actor } from '../../src/shared/auth/actor.js';
import { VerifyAuditChainQuery, type AuditChainVerification } from '../../src/modules/audit/index.js';
import { CreateWidgetCommand, WIDGETS_TABLE_SQL, WidgetFixtureModule } from '../fixtures/widget.fixture.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { type RunningTestApp, startTestApp } from '../support/test-app.js';

const actor: Actor = { type: 'api_key', id: 'key-1', display: 'ci key' };

describe('audit hash chain', () => {
  let db: TestDatabase;
  let platform: RunningTestApp;
  let commands: CommandBus;
  let queries: QueryBus;

  beforeAll(async () => {
    db = await createTestDatabase();
    await db.query(WIDGETS_TABLE_SQL);
    platform = await startTestApp(db.url, {}, [WidgetFixtureModule]);
    commands = platform.app.get(CommandBus);
    queries = platform.app.get(QueryBus);
  });

  afterAll(async () => {
    await platform?.close();
    await db?.drop();
  });

  const verify = (orgId: string | null): Promise<AuditChainVerification> => queries.execute(new VerifyAuditChainQuery(orgId));

  /** Rewrites a row behind the application's back, as an attacker with database access would. */
  async function tamper(sql: string, params: unknown[]): Promise<void> {
    await db.transaction(async (client) => {
      // Triggers do not fire for a session in replica mode: the superuser's way around them.
      await client.query('SET LOCAL session_replication_role = replica');
      await client.query(sql, params);
    });
  }

  it('keeps one unbroken chain per org while commands for several orgs interleave', async () => {
    for (let i = 0; i < 20; i += 1) {
      await commands.execute(new CreateWidgetCommand(actor, i % 2 ? 'org_oddoddoddodd' : 'org_evenevenevnn', `w${i}`));
    }
    await expect(verify('org_oddoddoddodd')).resolves.toEqual({ chainKey: 'org_oddoddoddodd', rowsChecked: 10, firstBreak: null });
    await expect(verify('org_evenevenevnn')).resolves.toEqual({ chainKey: 'org_evenevenevnn', rowsChecked: 10, firstBreak: null });
  });

  it('keeps one unbroken chain under 32 concurrent commands in one org', async () => {
    const org = 'org_concurrent01';
    await Promise.all(Array.from({ length: 32 }, (_, i) => commands.execute(new CreateWidgetCommand(actor, org, `c${i}`))));
    const rows = await db.query<{ seq: string }>('SELECT seq FROM audit_events WHERE chain_key = $1 ORDER BY seq', [org]);
    expect(rows.map((row) => Number(row.seq))).toEqual(Array.from({ length: 32 }, (_, i) => i + 1));
    await expect(verify(org)).resolves.toMatchObject({ rowsChecked: 32, firstBreak: null });
  });

  it('points at the first tampered row', async () => {
    const org = 'org_tampered0001';
    for (let i = 0; i < 5; i += 1) await commands.execute(new CreateWidgetCommand(actor, org, `t${i}`));
    const [third] = await db.query<{ id: string }>('SELECT id FROM audit_events WHERE chain_key = $1 AND seq = 3', [org]);
    await tamper(`UPDATE audit_events SET payload = '{"name":"forged"}' WHERE id = $1`, [third!.id]);
    await expect(verify(org)).resolves.toEqual({
      chainKey: org,
      rowsChecked: 2,
      firstBreak: { id: third!.id, seq: '3', reason: 'hash_mismatch' },
    });
  });

  it('detects a deleted row', async () => {
    const org = 'org_deleted00001';
    for (let i = 0; i < 4; i += 1) await commands.execute(new CreateWidgetCommand(actor, org, `d${i}`));
    await tamper('DELETE FROM audit_events WHERE chain_key = $1 AND seq = 2', [org]);
    await expect(verify(org)).resolves.toMatchObject({ firstBreak: { seq: '3', reason: 'sequence_gap' } });
  });

  it('refuses UPDATE, DELETE and TRUNCATE through ordinary SQL', async () => {
    await commands.execute(new CreateWidgetCommand(actor, 'org_immutable001', 'i'));
    await expect(db.query("UPDATE audit_events SET action = 'x' WHERE chain_key = 'org_immutable001'")).rejects.toThrow(/append-only/);
    await expect(db.query("DELETE FROM audit_events WHERE chain_key = 'org_immutable001'")).rejects.toThrow(/append-only/);
    await expect(db.query('TRUNCATE audit_events')).rejects.toThrow(/append-only/);
    await expect(verify('org_immutable001')).resolves.toMatchObject({ rowsChecked: 1, firstBreak: null });
  });
});
