import WebSocket from 'ws';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { type RunningTestApp, startTestApp } from '../support/test-app.js';
import { openSocket } from '../support/ws-client.js';

describe('KICI_BASE_PATH=/kici', () => {
  let db: TestDatabase;
  let platform: RunningTestApp;

  beforeAll(async () => {
    db = await createTestDatabase();
    platform = await startTestApp(db.url, { KICI_BASE_PATH: '/kici/' });
  });

  afterAll(async () => {
    await platform?.close();
    await db?.drop();
  });

  it('serves the probes and metrics under the base path', async () => {
    expect((await fetch(`${platform.origin}/kici/health`)).status).toBe(200);
    expect((await fetch(`${platform.origin}/kici/ready`)).status).toBe(200);
    expect((await fetch(`${platform.origin}/kici/metrics`)).status).toBe(200);
  });

  it('answers unknown API routes with the JSON 404, with or without repeated slashes', async () => {
    for (const path of ['/kici/api/v1/nope', '//kici//api/v1/nope']) {
      const response = await fetch(`${platform.origin}${path}`);
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ code: 'HTTP.NOT_FOUND', error: 'Route not found', requestId: expect.any(String) });
    }
  });

  it('does not serve routes outside the base path', async () => {
    expect((await fetch(`${platform.origin}/health`)).status).toBe(404);
  });

  it('accepts WebSocket upgrades on /kici/ws, also with repeated slashes, and nowhere else', async () => {
    const wsOrigin = platform.origin.replace('http', 'ws');
    for (const path of ['/kici/ws', '//kici//ws']) {
      const socket = await openSocket(`${wsOrigin}${path}`);
      expect(socket.readyState).toBe(WebSocket.OPEN);
      socket.close();
    }
    await expect(openSocket(`${wsOrigin}/ws`)).rejects.toThrow();
  });
});
