import { LEVELS, type Level, type Resource } from '../../src/shared/auth/permissions.js';
import { devIdpToken } from '../support/dev-idp-tokens.js';
import { apiCaller, createOrg, join, roleId, signIn, type TestUser } from '../support/org-fixture.js';
import { routeTable, type RouteEntry } from '../support/route-table.js';
import { SecurityReport } from '../support/security-report.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { type RunningTestApp, startTestApp } from '../support/test-app.js';

const SOME_ID = '01a22222-2222-7222-8222-222222222222';
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const report = new SecurityReport('tenant-isolation');

/**
 * Generated from the route table, so a new organization route is covered the day it appears: callers of
 * another organization — by every credential kind — get 403 and none of the organization's data, on every
 * method a route path takes (and the methods it does not take get 403 or 404, never data); user routes
 * never show or touch another user's tokens, organizations or invites; and a role one level below a
 * route's requirement is refused while the required level passes the check.
 */
describe('tenant isolation and permission levels on every organization route', () => {
  let db: TestDatabase;
  let platform: RunningTestApp;
  let call: ReturnType<typeof apiCaller>;
  let ownerA: TestUser;
  let orgA: string;
  let orgRoutes: RouteEntry[];
  const outsiders: { kind: string; token: string }[] = [];
  let patOfA: string;
  let inviteOfA: string;

  const pathOf = (route: RouteEntry, orgId: string): string =>
    route.path.replace('/api/v1', '').replace(':orgId', orgId).replace(/:[A-Za-z]+/g, SOME_ID);

  beforeAll(async () => {
    db = await createTestDatabase();
    platform = await startTestApp(db.url);
    call = apiCaller(platform);
    ownerA = await signIn(platform, 'owner-a@example.com');
    orgA = await createOrg(platform, ownerA, 'Tenant A secret name');
    patOfA = ((await (await call(ownerA.token, 'POST', '/pats', { name: 'Tenant A secret PAT' })).json()) as { id: string }).id;
    inviteOfA = ((await (await call(ownerA.token, 'POST', `/orgs/${orgA}/invites`, { email: 'invitee-of-a@example.com' })).json()) as { id: string }).id;
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

  it('refuses callers of another organization on every route and method, whatever their credential, and leaks nothing', async () => {
    const category = 'organization routes × methods × principals of another org';
    const declared = new Map<string, Set<string>>();
    for (const route of orgRoutes) declared.set(route.path, (declared.get(route.path) ?? new Set()).add(route.method));
    for (const outsider of outsiders) {
      for (const [path, methods] of declared) {
        for (const method of METHODS) {
          const response = await call(outsider.token, method, pathOf({ path } as RouteEntry, orgA), method === 'GET' ? undefined : {});
          const body = await response.text();
          report.tried(category);
          const code = (JSON.parse(body || '{}') as { code?: string }).code;
          const refused = methods.has(method) ? response.status === 403 && code === 'ORGS.NOT_MEMBER' : response.status === 403 || response.status === 404;
          if (!refused || body.includes('Tenant A secret name')) {
            report.violation(category, `${outsider.kind}: ${method} ${path} → ${response.status} ${body.slice(0, 200)}`);
          }
        }
      }
    }
    expect(report.violations(category)).toEqual([]);
  });

  it('shows and touches none of another user’s tokens, organizations or invites on user routes', async () => {
    const category = 'user routes × principals of another user';
    const userRoutes = routeTable(platform.app).filter((route) => route.access?.kind === 'user' && route.path !== '/api/v1/cli/exchange-token');
    const idFor = (name: string): string => (name === 'id' ? patOfA : name === 'inviteId' ? inviteOfA : SOME_ID);
    for (const outsider of outsiders) {
      for (const route of userRoutes) {
        const path = route.path.replace('/api/v1', '').replace(/:([A-Za-z]+)/g, (_match, name: string) => idFor(name));
        const response = await call(outsider.token, route.method, path, route.method === 'GET' || route.method === 'DELETE' ? undefined : { name: 'x' });
        const body = await response.text();
        report.tried(category);
        const touchesA = route.path.includes(':') && response.status < 300;
        if (touchesA || body.includes('Tenant A secret') || body.includes(orgA) || body.includes(patOfA) || body.includes(inviteOfA) || response.status >= 500) {
          report.violation(category, `${outsider.kind}: ${route.method} ${route.path} → ${response.status} ${body.slice(0, 200)}`);
        }
      }
    }
    // What A had is still there.
    expect(JSON.stringify(await (await call(ownerA.token, 'GET', '/pats')).json())).toContain(patOfA);
    expect(JSON.stringify(await (await call(ownerA.token, 'GET', `/orgs/${orgA}/invites`)).json())).toContain(inviteOfA);
    expect(report.violations(category)).toEqual([]);
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
      report.tried('organization routes × a role one level below', 2);
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
