import { HttpProbeFixtureModule } from '../fixtures/http-probe.fixture.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { DrainState } from '../../src/shared/lifecycle/drain-state.js';
import { startTestApp } from '../support/test-app.js';
import { nextClose, openSocket } from '../support/ws-client.js';

describe('graceful shutdown', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('closes WebSockets with 1001, finishes in-flight requests and refuses new connections', async () => {
    const platform = await startTestApp(db.url, {}, [HttpProbeFixtureModule]);
    const socket = await openSocket(`${platform.origin.replace('http', 'ws')}/ws`);
    const closed = nextClose(socket);
    const inFlight = fetch(`${platform.origin}/api/v1/_probe/slow`);
    await new Promise((resolve) => setTimeout(resolve, 100));

    const shutdown = platform.close();
    await expect(closed).resolves.toEqual({ code: 1001, reason: 'Platform shutting down' });
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ done: true });
    await shutdown;

    await expect(fetch(`${platform.origin}/health`)).rejects.toThrow();
  });

  it('refuses WebSocket upgrades once draining, so a redialling orchestrator cannot hold the shutdown open', async () => {
    const platform = await startTestApp(db.url);
    const ws = `${platform.origin.replace('http', 'ws')}/ws`;
    (await openSocket(ws)).close();
    // Draining starts before the sockets are closed; an upgrade in that window must not be accepted.
    platform.app.get(DrainState).beforeApplicationShutdown();
    await expect(openSocket(ws)).rejects.toThrow('503');
    await platform.close();
  });
});
