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

/**
 * A second replica of the suite's Platform on the same database, for the whole `describe` block. It
 * trusts the first one's development identity provider, as the replicas of one deployment share an
 * issuer. `replica.app` is set once the block's `beforeAll` hooks have run.
 */
export function secondReplica(suite: PlatformSuite, env: Record<string, string> = {}): { app: RunningTestApp } {
  const replica = {} as { app: RunningTestApp };
  beforeAll(async () => {
    replica.app = await startTestApp(suite.db.url, { KICI_OIDC_ISSUER: `${suite.platform.origin}/oidc`, ...env });
  });
  afterAll(async () => {
    await replica.app?.close();
  });
  return replica;
}
