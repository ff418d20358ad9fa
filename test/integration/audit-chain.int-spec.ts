import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import type { Actor } from '../../src/shared/auth/actor.js';
import type { EventMetadata } from '../../src/shared/cqrs/domain-event.js';
import { VerifyAuditChainQuery, type AuditChainVerification } from '../../src/modules/audit/index.js';
import { AuditSealScheduler } from '../../src/modules/audit/application/sealing/audit-seal-scheduler.js';
import { AuditChainSealer } from '../../src/modules/audit/infrastructure/audit-chain-sealer.js';
import { AuditLogRepository } from '../../src/modules/audit/infrastructure/audit-log.repository.js';
import { CreateWidgetCommand, WIDGETS_TABLE_SQL, WidgetFixtureModule } from '../fixtures/widget.fixture.js';
import { auditSealed } from '../support/audit-sealing.js';
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
  const seqs = async (org: string): Promise<(number | null)[]> =>
    (await db.query<{ seq: string | null }>('SELECT seq FROM audit_events WHERE chain_key = $1 ORDER BY seq', [org])).map((row) => (row.seq === null ? null : Number(row.seq)));
  const oneToN = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);

  /** Rewrites a row behind the application's back, as an attacker with database access would. */
  async function tamper(sql: string, params: unknown[]): Promise<void> {
    await db.transaction(async (client) => {
      // Triggers do not fire for a session in replica mode: the superuser's way around them.
      await client.query('SET LOCAL session_replication_role = replica');
      await client.query(sql, params);
    });
  }

  /** An audit row written the way the projection writes it, in a transaction the test holds open. */
  function openAuditTransaction(org: string, name: string): { commit: () => Promise<void>; inserted: Promise<string> } {
    const auditLog = platform.app.get(AuditLogRepository);
    const metadata: EventMetadata = { eventId: 'e', occurredAt: new Date(), actor, orgId: org, requestId: null, ip: null, userAgent: null, causationId: null };
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let inserted!: (id: string) => void;
    const insertedId = new Promise<string>((resolve) => (inserted = resolve));
    const done = platform.app.get(DataSource).transaction(async (manager) => {
      inserted(await auditLog.append(manager, metadata, { action: 'widget.create', targetType: 'widget', targetId: name, payload: { name } }));
      await released;
    });
    return {
      inserted: insertedId,
      commit: async () => {
        release();
        await done;
      },
    };
  }

  it('keeps one unbroken chain per org while commands for several orgs interleave', async () => {
    for (let i = 0; i < 20; i += 1) {
      await commands.execute(new CreateWidgetCommand(actor, i % 2 ? 'org_oddoddoddodd' : 'org_evenevenevnn', `w${i}`));
    }
    await auditSealed(db);
    await expect(verify('org_oddoddoddodd')).resolves.toEqual({ chainKey: 'org_oddoddoddodd', rowsChecked: 10, firstBreak: null, rowsPendingSeal: 0 });
    await expect(verify('org_evenevenevnn')).resolves.toEqual({ chainKey: 'org_evenevenevnn', rowsChecked: 10, firstBreak: null, rowsPendingSeal: 0 });
  });

  it('seals 32 concurrent commands in one org into one chain, seq 1 to 32, after their commits', async () => {
    const org = 'org_concurrent01';
    await Promise.all(Array.from({ length: 32 }, (_, i) => commands.execute(new CreateWidgetCommand(actor, org, `c${i}`))));
    await auditSealed(db, org);
    expect(await seqs(org)).toEqual(oneToN(32));
    await expect(verify(org)).resolves.toEqual({ chainKey: org, rowsChecked: 32, firstBreak: null, rowsPendingSeal: 0 });
  });

  it('lets writers of one org commit while another holds its transaction open, and seals the late row after theirs', async () => {
    const org = 'org_latecommit01';
    const late = openAuditTransaction(org, 'late');
    const lateId = await late.inserted;
    // The rows of these commands are younger (higher ids) than the open one, and commit first.
    for (let i = 0; i < 5; i += 1) await commands.execute(new CreateWidgetCommand(actor, org, `early${i}`));
    await auditSealed(db, org);
    expect(await seqs(org)).toEqual(oneToN(5));
    await expect(verify(org)).resolves.toMatchObject({ rowsChecked: 5, firstBreak: null, rowsPendingSeal: 0 });

    await late.commit();
    await expect(verify(org)).resolves.toMatchObject({ rowsChecked: 5, firstBreak: null, rowsPendingSeal: 1 });
    await platform.app.get(AuditChainSealer).sealChain(org);
    const [lateRow] = await db.query<{ seq: string; id: string }>('SELECT seq, id FROM audit_events WHERE id = $1', [lateId]);
    const [youngestEarly] = await db.query<{ id: string }>("SELECT id FROM audit_events WHERE chain_key = $1 AND payload->>'name' = 'early4'", [org]);
    expect(lateRow!.id < youngestEarly!.id).toBe(true);
    expect(lateRow!.seq).toBe('6');
    await expect(verify(org)).resolves.toEqual({ chainKey: org, rowsChecked: 6, firstBreak: null, rowsPendingSeal: 0 });
  });

  it('seals in the periodic sweep what no process was woken for (a writer that died after its commit)', async () => {
    const org = 'org_orphaned0001';
    await commands.execute(new CreateWidgetCommand(actor, org, 'sealed-first'));
    await auditSealed(db, org);
    const orphan = openAuditTransaction(org, 'orphan');
    await orphan.commit();
    await expect(verify(org)).resolves.toMatchObject({ rowsChecked: 1, rowsPendingSeal: 1 });
    await platform.app.get(AuditSealScheduler).sweep.runOnce();
    await auditSealed(db, org);
    await expect(verify(org)).resolves.toEqual({ chainKey: org, rowsChecked: 2, firstBreak: null, rowsPendingSeal: 0 });
  });

  it('keeps two sealers of one chain (two replicas) from forking it', async () => {
    const org = 'org_tworeplicas1';
    const rows = Array.from({ length: 40 }, (_, i) => openAuditTransaction(org, `r${i}`));
    await Promise.all(rows.map((row) => row.commit()));
    const sealers = [platform.app.get(AuditChainSealer), new AuditChainSealer(platform.app.get(DataSource))];
    await Promise.all([...sealers, ...sealers].map((sealer) => sealer.sealChain(org)));
    expect(await seqs(org)).toEqual(oneToN(40));
    await expect(verify(org)).resolves.toEqual({ chainKey: org, rowsChecked: 40, firstBreak: null, rowsPendingSeal: 0 });
  });

  it('seals and verifies a chain longer than one batch of either, and finds a break past the first batch', async () => {
    const org = 'org_longchain001';
    const auditLog = platform.app.get(AuditLogRepository);
    const metadata: EventMetadata = { eventId: 'e', occurredAt: new Date(), actor, orgId: org, requestId: null, ip: null, userAgent: null, causationId: null };
    // 1,205 rows: three sealing batches of at most 500, two verifying reads of at most 1,000.
    await platform.app.get(DataSource).transaction(async (manager) => {
      for (let i = 0; i < 1205; i += 1) await auditLog.append(manager, metadata, { action: 'widget.create', targetType: 'widget', targetId: `l${i}`, payload: { n: i } });
    });
    // The periodic sweep may seal some of them first; either way every row ends up in one chain.
    await platform.app.get(AuditChainSealer).sealChain(org);
    expect(await seqs(org)).toEqual(oneToN(1205));
    await expect(verify(org)).resolves.toEqual({ chainKey: org, rowsChecked: 1205, firstBreak: null, rowsPendingSeal: 0 });
    const [row] = await db.query<{ id: string }>('SELECT id FROM audit_events WHERE chain_key = $1 AND seq = 1100', [org]);
    await tamper(`UPDATE audit_events SET payload = '{"n":-1}' WHERE id = $1`, [row!.id]);
    await expect(verify(org)).resolves.toEqual({ chainKey: org, rowsChecked: 1099, firstBreak: { id: row!.id, seq: '1100', reason: 'hash_mismatch' }, rowsPendingSeal: 0 });
  });

  it('points at the first tampered row', async () => {
    const org = 'org_tampered0001';
    for (let i = 0; i < 5; i += 1) await commands.execute(new CreateWidgetCommand(actor, org, `t${i}`));
    await auditSealed(db, org);
    const [third] = await db.query<{ id: string }>('SELECT id FROM audit_events WHERE chain_key = $1 AND seq = 3', [org]);
    await tamper(`UPDATE audit_events SET payload = '{"name":"forged"}' WHERE id = $1`, [third!.id]);
    await expect(verify(org)).resolves.toEqual({
      chainKey: org,
      rowsChecked: 2,
      firstBreak: { id: third!.id, seq: '3', reason: 'hash_mismatch' },
      rowsPendingSeal: 0,
    });
  });

  it('detects a deleted row', async () => {
    const org = 'org_deleted00001';
    for (let i = 0; i < 4; i += 1) await commands.execute(new CreateWidgetCommand(actor, org, `d${i}`));
    await auditSealed(db, org);
    await tamper('DELETE FROM audit_events WHERE chain_key = $1 AND seq = 2', [org]);
    await expect(verify(org)).resolves.toMatchObject({ firstBreak: { seq: '3', reason: 'sequence_gap' } });
  });

  it('refuses UPDATE, DELETE and TRUNCATE through ordinary SQL', async () => {
    await commands.execute(new CreateWidgetCommand(actor, 'org_immutable001', 'i'));
    await auditSealed(db, 'org_immutable001');
    await expect(db.query("UPDATE audit_events SET action = 'x' WHERE chain_key = 'org_immutable001'")).rejects.toThrow(/append-only/);
    await expect(db.query("DELETE FROM audit_events WHERE chain_key = 'org_immutable001'")).rejects.toThrow(/append-only/);
    await expect(db.query('TRUNCATE audit_events')).rejects.toThrow(/append-only/);
    await expect(verify('org_immutable001')).resolves.toMatchObject({ rowsChecked: 1, firstBreak: null });
  });

  it('lets an UPDATE through only to seal an unsealed row, changing nothing else', async () => {
    const org = 'org_sealonly0001';
    await commands.execute(new CreateWidgetCommand(actor, org, 'sealed'));
    await auditSealed(db, org);
    const chainFields = "seq = 99, prev_hash = repeat('a', 64), hash = repeat('b', 64)";
    // A sealed row cannot be sealed again (re-linked or re-hashed).
    await expect(db.query(`UPDATE audit_events SET ${chainFields} WHERE chain_key = $1`, [org])).rejects.toThrow(/append-only/);

    const pending = openAuditTransaction(org, 'pending');
    const pendingId = await pending.inserted;
    await pending.commit();
    // Nor can an unsealed row have its content changed, alone or while being sealed, or be half sealed.
    await expect(db.query("UPDATE audit_events SET action = 'x' WHERE id = $1", [pendingId])).rejects.toThrow(/append-only/);
    await expect(db.query(`UPDATE audit_events SET ${chainFields}, payload = '{}' WHERE id = $1`, [pendingId])).rejects.toThrow(/append-only/);
    await expect(db.query('UPDATE audit_events SET seq = 2 WHERE id = $1', [pendingId])).rejects.toThrow(/ck_audit_events_sealed_whole/);
    await platform.app.get(AuditChainSealer).sealChain(org);
    await expect(verify(org)).resolves.toEqual({ chainKey: org, rowsChecked: 2, firstBreak: null, rowsPendingSeal: 0 });
  });
});
