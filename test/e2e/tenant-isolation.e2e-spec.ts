import { LEVELS, type Level, type Resource } from '../../src/shared/auth/permissions.js';
import { devIdpToken } from '../support/dev-idp-tokens.js';
import { apiCaller, createOrg, join, roleId, signIn, type TestUser } from '../support/org-fixture.js';
import { routeTable, type RouteEntry } from '../support/route-table.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { type RunningTestApp, startTestApp } from '../support/test-app.js';

const SOME_ID = '01a22222-2222-7222-8222-222222222222';

/**
 * Generated from the route table, so a new organization route is covered the day it appears: callers of
 * another organization — by every credential kind — get 403 and none of the organization's data; and a
 * role one level below a route's requirement is refused while the required level passes the check.
 */
describe('tenant isolation and permission levels on every organization route', () => {
  let db: TestDatabase;
  let platform: RunningTestApp;
  let call: ReturnType<typeof apiCaller>;
  let ownerA: TestUser;
  let orgA: string;
  let orgRoutes: RouteEntry[];
  const outsiders: { kind: string; token: string }[] = [];

  const pathOf = (route: RouteEntry, orgId: string): string =>
    route.path.replace('/api/v1', '').replace(':orgId', orgId).replace(/:[A-Za-z]+/g, SOME_ID);

  beforeAll(async () => {
    db = await createTestDatabase();
    platform = await startTestApp(db.url);
    call = apiCaller(platform);
    ownerA = await signIn(platform, 'owner-a@example.com');
    orgA = await createOrg(platform, ownerA, 'Tenant A secret name');
    orgRoutes = routeTable(platform.app).filter((route) => route.access?.kind === 'org');

    const ownerB = await signIn(platform, 'owner-b@example.com');
    const orgB = await createOrg(platform, ownerB, 'Tenant B');
    const allAdmin = Object.fromEntries(['runs', 'members', 'api_keys', 'org_settings', 'audit', 'ci_trust', 'billing', 'support'].map((r) => [r, 'admin']));
    const apiKey = (await (await call(ownerB.token, 'POST', `/orgs/${orgB}/api-keys`, { name: 'b-key', permissions: allAdmin })).json()) as { token: string };
    const memberRole = await roleId(platform, ownerB, orgB, 'Member');
    const sa = (await (await call(ownerB.token, 'POST', `/orgs/${orgB}/service-accounts`, { name: 'b-bot', roleIds: [memberRole] })).json()) as { id: string };
    const saKey = (await (await call(ownerB.token, 'POST', `/orgs/${orgB}/service-accounts/${sa.id}/keys`)).json()) as { key: string };
    outsiders.push(
      { kind: 'PAT of another org’s Owner', token: ownerB.token },
      { kind: 'OIDC JWT of another org’s Owner', token: await devIdpToken(platform, 'owner-b@example.com') },
      { kind: 'API key of another org', token: apiKey.token },
      { kind: 'service-account key of another org', token: saKey.key },
    );
  });

  afterAll(async () => {
    await platform?.close();
    await db?.drop();
  });

  it('covers a meaningful number of organization routes', () => {
    expect(orgRoutes.length).toBeGreaterThan(30);
  });

  it('refuses callers of another organization on every route, whatever their credential, and leaks nothing', async () => {
    for (const outsider of outsiders) {
      for (const route of orgRoutes) {
        const response = await call(outsider.token, route.method, pathOf(route, orgA), route.method === 'GET' ? undefined : {});
        const body = await response.text();
        expect({ who: outsider.kind, route: `${route.method} ${route.path}`, status: response.status, code: (JSON.parse(body) as { code: string }).code }).toEqual({
          who: outsider.kind,
          route: `${route.method} ${route.path}`,
          status: 403,
          code: 'ORGS.NOT_MEMBER',
        });
        expect(body).not.toContain('Tenant A secret name');
      }
    }
  });

  it('refuses one level below each route’s requirement and lets the required level through the check', async () => {
    const needed = new Map<string, { resource: Resource; level: Level }>();
    for (const route of orgRoutes) {
      const permission = route.access?.kind === 'org' ? route.access.permission : null;
      if (permission) needed.set(`${permission.resource}.${permission.level}`, permission);
    }
    const memberRole = await roleId(platform, ownerA, orgA, 'Member');
    const holders = new Map<string, TestUser>();
    const holderOf = async (resource: Resource, level: Level): Promise<TestUser> => {
      const key = `${resource}.${level}`;
      if (!holders.has(key)) {
        const user = await join(platform, orgA, ownerA, `${resource}-${level}@example.com`);
        const role = (await (await call(ownerA.token, 'POST', `/orgs/${orgA}/roles`, { name: `only ${key}`, permissions: { [resource]: level } })).json()) as { id: string };
        await call(ownerA.token, 'PUT', `/orgs/${orgA}/members/${user.userId}/roles/${role.id}`);
        await call(ownerA.token, 'DELETE', `/orgs/${orgA}/members/${user.userId}/roles/${memberRole}`);
        holders.set(key, user);
      }
      return holders.get(key)!;
    };

    for (const route of orgRoutes) {
      const permission = route.access?.kind === 'org' ? route.access.permission : null;
      if (!permission) continue;
      const below = LEVELS[LEVELS.indexOf(permission.level) - 1]!;
      const weak = await holderOf(permission.resource, below);
      const refused = await call(weak.token, route.method, pathOf(route, orgA), route.method === 'GET' ? undefined : {});
      expect({ route: `${route.method} ${route.path}`, status: refused.status, body: await refused.json() }).toEqual({
        route: `${route.method} ${route.path}`,
        status: 403,
        body: expect.objectContaining({ code: 'RBAC.FORBIDDEN', error: `Insufficient permission: ${permission.resource}.${permission.level} needed` }),
      });

      const enough = await holderOf(permission.resource, permission.level);
      const passed = await call(enough.token, route.method, pathOf(route, orgA), route.method === 'GET' ? undefined : {});
      const passedBody = (await passed.json()) as { code?: string };
      expect({ route: `${route.method} ${route.path}`, refusedForLevel: passed.status === 403 && passedBody.code === 'RBAC.FORBIDDEN' }).toEqual({
        route: `${route.method} ${route.path}`,
        refusedForLevel: false,
      });
    }
    expect(needed.size).toBeGreaterThan(8);
  });
});
