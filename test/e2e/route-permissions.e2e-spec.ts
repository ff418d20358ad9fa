import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { describeAccess, routeTable } from '../support/route-table.js';
import { type RunningTestApp, startTestApp } from '../support/test-app.js';
import { EXPECTED } from '../support/route-snapshot.js';


describe('route permissions', () => {
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

  it('match the reviewed table', () => {
    const table = routeTable(platform.app).map((route) => `${route.method} ${route.path} → ${describeAccess(route.access)}`);
    expect(table).toEqual(EXPECTED);
  });

  it('declare access on every route, and put every tenant route behind the organization context', () => {
    for (const route of routeTable(platform.app)) {
      expect(route.access).toBeDefined();
      if (route.path.startsWith('/api/v1/orgs/:orgId')) expect(route.access!.kind).toBe('org');
    }
  });

  it('answer every non-public route with 401 when called without credentials', async () => {
    for (const route of routeTable(platform.app).filter((entry) => entry.access?.kind !== 'public')) {
      const path = route.path.replace(':orgId', 'org_aaaaaaaaaaaa').replace(/:[a-zA-Z]+/g, '01a22222-2222-7222-8222-222222222222');
      const response = await fetch(`${platform.origin}${path}`, { method: route.method, headers: { 'content-type': 'application/json' } });
      expect({ route: `${route.method} ${route.path}`, status: response.status }).toEqual({ route: `${route.method} ${route.path}`, status: 401 });
    }
  });
});
