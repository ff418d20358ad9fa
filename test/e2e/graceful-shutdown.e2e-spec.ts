import { HttpProbeFixtureModule } from '../fixtures/http-probe.fixture.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
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
    // An orchestrator redialling the replica it was just sent away from is refused, not given a socket
    // nobody would close (the server would then wait on it until the shutdown deadline).
    await expect(openSocket(`${platform.origin.replace('http', 'ws')}/ws`)).rejects.toThrow();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ done: true });
    await shutdown;

    await expect(fetch(`${platform.origin}/health`)).rejects.toThrow();
  });
});
