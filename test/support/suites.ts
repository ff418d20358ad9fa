import type { CreateAppOptions } from '../../src/bootstrap/create-app.js';
import { apiCaller, createOrg, signIn, type TestUser } from './org-fixture.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';
import { type RunningTestApp, startTestApp } from './test-app.js';

export interface PlatformSuite {
  db: TestDatabase;
  platform: RunningTestApp;
  call: ReturnType<typeof apiCaller>;
}

/** A database of its own and the Platform on it, for the whole `describe` block; both torn down after. */
export function platformSuite(env: Record<string, string> = {}, extraImports: CreateAppOptions['extraImports'] = []): PlatformSuite {
  const suite = {} as PlatformSuite;
  beforeAll(async () => {
    suite.db = await createTestDatabase();
    suite.platform = await startTestApp(suite.db.url, env, extraImports);
    suite.call = apiCaller(suite.platform);
  });
  afterAll(async () => {
    await suite.platform?.close();
    await suite.db?.drop();
  });
  return suite;
}

export interface OrgSuite extends PlatformSuite {
  owner: TestUser;
  orgId: string;
}

/** `platformSuite` plus a signed-in owner@example.com and an organization they own. */
export function orgSuite(orgName: string, env: Record<string, string> = {}): OrgSuite {
  const suite = platformSuite(env) as OrgSuite;
  beforeAll(async () => {
    suite.owner = await signIn(suite.platform, 'owner@example.com');
    suite.orgId = await createOrg(suite.platform, suite.owner, orgName);
  });
  return suite;
}
