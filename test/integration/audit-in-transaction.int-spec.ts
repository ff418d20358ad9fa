import { CommandBus } from '@nestjs/cqrs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Actor } from '../../src/shared/auth/actor.js';
import { runWithRequestContext } from '../../src/shared/http/request-context.js';
import { CreateWidgetCommand, WIDGETS_TABLE_SQL, WidgetEventLog, WidgetFixtureModule } from '../fixtures/widget.fixture.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { type RunningTestApp, startTestApp } from '../support/test-app.js';

const ada: Actor = { type: 'user', id: 'user-ada', display: 'ada@example.com' };

describe('commands write their audit row in their own transaction', () => {
  let db: TestDatabase;
  let platform: RunningTestApp;
  let commands: CommandBus;
  let afterCommit: WidgetEventLog;

  beforeAll(async () => {
    db = await createTestDatabase();
    await db.query(WIDGETS_TABLE_SQL);
    platform = await startTestApp(db.url, {}, [WidgetFixtureModule]);
    commands = platform.app.get(CommandBus);
    afterCommit = platform.app.get(WidgetEventLog);
  });

  afterAll(async () => {
    await platform?.close();
    await db?.drop();
  });

  async function countRows(name: string): Promise<{ widgets: number; audits: number }> {
    const [widgets] = await db.query<{ n: string }>('SELECT count(*) AS n FROM test_widgets WHERE name = $1', [name]);
    const [audits] = await db.query<{ n: string }>("SELECT count(*) AS n FROM audit_events WHERE payload->>'name' = $1", [name]);
    return { widgets: Number(widgets!.n), audits: Number(audits!.n) };
  }

  it('commits the change and exactly one audit row with the event metadata', async () => {
    const id = await runWithRequestContext({ requestId: 'req-commit-1', ip: '203.0.113.9', userAgent: 'kici/0.1.24' }, () =>
      commands.execute(new CreateWidgetCommand(ada, 'org_aaaaaaaaaaaa', 'committed')),
    );
    expect(await countRows('committed')).toEqual({ widgets: 1, audits: 1 });
    const [row] = await db.query('SELECT * FROM audit_events WHERE target_id = $1', [String(id)]);
    expect(row).toMatchObject({
      org_id: 'org_aaaaaaaaaaaa',
      chain_key: 'org_aaaaaaaaaaaa',
      actor_type: 'user',
      actor_id: 'user-ada',
      actor_display: 'ada@example.com',
      action: 'widget.create',
      target_type: 'widget',
      request_id: 'req-commit-1',
      ip: '203.0.113.9',
      user_agent: 'kici/0.1.24',
      payload: { name: 'committed' },
    });
  });

  it('leaves neither change nor audit row when the handler throws after raising its event', async () => {
    await expect(commands.execute(new CreateWidgetCommand(ada, 'org_aaaaaaaaaaaa', 'thrown', 'after-event'))).rejects.toThrow(
      'handler failed after raising its event',
    );
    expect(await countRows('thrown')).toEqual({ widgets: 0, audits: 0 });
  });

  it('rolls back change and audit row when a later blocking handler fails', async () => {
    await expect(commands.execute(new CreateWidgetCommand(ada, 'org_aaaaaaaaaaaa', 'vetoed', 'in-blocking-handler'))).rejects.toThrow(
      'blocking handler vetoed the change',
    );
    expect(await countRows('vetoed')).toEqual({ widgets: 0, audits: 0 });
  });

  it('leaves no change when its audit row cannot be written, though the INSERT travels with the COMMIT', async () => {
    // PostgreSQL refuses this one audit row; the COMMIT sent behind it then only rolls the transaction back.
    await db.query(`CREATE FUNCTION refuse_test_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit row refused for the test'; END $$`);
    await db.query(`CREATE TRIGGER refuse_test_audit BEFORE INSERT ON audit_events FOR EACH ROW
      WHEN (NEW.payload->>'name' = 'audit-refused') EXECUTE FUNCTION refuse_test_audit()`);
    afterCommit.received.length = 0;
    try {
      await expect(commands.execute(new CreateWidgetCommand(ada, 'org_aaaaaaaaaaaa', 'audit-refused'))).rejects.toThrow('audit row refused for the test');
      expect(await countRows('audit-refused')).toEqual({ widgets: 0, audits: 0 });
      await sleep(50);
      expect(afterCommit.received).toEqual([]);
      // The connection it used is clean for the next command.
      await commands.execute(new CreateWidgetCommand(ada, 'org_aaaaaaaaaaaa', 'after-refusal'));
      expect(await countRows('after-refusal')).toEqual({ widgets: 1, audits: 1 });
    } finally {
      await db.query('DROP TRIGGER refuse_test_audit ON audit_events');
      await db.query('DROP FUNCTION refuse_test_audit()');
    }
  });

  it('delivers events to ordinary handlers only after commit, and drops them on rollback', async () => {
    afterCommit.received.length = 0;
    await commands.execute(new CreateWidgetCommand(ada, null, 'delivered'));
    await expect(commands.execute(new CreateWidgetCommand(ada, null, 'dropped', 'after-event'))).rejects.toThrow();
    await sleep(50);
    expect(afterCommit.received.map((event) => event.name)).toEqual(['delivered']);
    expect(afterCommit.received[0]!.metadata.causationId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('puts events outside any org on the platform chain', async () => {
    await commands.execute(new CreateWidgetCommand(ada, null, 'platform-wide'));
    const [row] = await db.query("SELECT org_id, chain_key FROM audit_events WHERE payload->>'name' = 'platform-wide'");
    expect(row).toEqual({ org_id: null, chain_key: 'platform' });
  });
});
