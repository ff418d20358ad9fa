import { PgNotifications } from '../../src/shared/database/pg-notifications.js';
import { eventually } from '../support/eventually.js';
import { platformSuite } from '../support/suites.js';

/** Cross-replica signals survive a lost listening connection (failover, a DBA's pg_terminate_backend). */
describe('LISTEN/NOTIFY reconnection', () => {
  const suite = platformSuite();

  it('re-subscribes every channel on a new connection and keeps delivering', async () => {
    const notifications = suite.platform.app.get(PgNotifications);
    const received: string[] = [];
    await notifications.listen('kici_test_reconnect', (payload) => void received.push(payload));
    await notifications.notify('kici_test_reconnect', 'before');
    await eventually(async () => expect(received).toEqual(['before']));

    const killed = await suite.db.query<{ terminated: boolean }>(
      "SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'",
    );
    expect(killed.length).toBeGreaterThan(0);
    await eventually(async () => {
      await notifications.notify('kici_test_reconnect', 'after');
      expect(received).toContain('after');
    }, 8000);
  });
});
