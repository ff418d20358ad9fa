import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiCaller, createOrg, signIn, type TestUser } from './org-fixture.js';
import { PlatformProcess } from './platform-process.js';
import { startTestApp } from './test-app.js';

export interface Replica {
  readonly process: PlatformProcess;
  readonly origin: string;
  readonly ws: string;
}

/** Real Platform processes on one test database, each with its own data dir; all SIGKILLed by `killAll`. */
export class ReplicaFleet {
  private readonly running: PlatformProcess[] = [];

  constructor(
    private readonly databaseUrl: () => string,
    private readonly env: Record<string, string>,
  ) {}

  async start(name: string): Promise<Replica> {
    const process = PlatformProcess.start({
      KICI_DATABASE_URL: this.databaseUrl(),
      KICI_DATA_DIR: await mkdtemp(join(tmpdir(), `kici-${name}-`)),
      KICI_PLATFORM_INSTANCE_ID: name,
      ...this.env,
    });
    this.running.push(process);
    const origin = await process.listening();
    return { process, origin, ws: `${origin.replace('http', 'ws')}/ws` };
  }

  async killAll(): Promise<void> {
    for (const process of this.running) process.kill('SIGKILL');
    await Promise.all(this.running.map((process) => process.exit()));
  }
}

/** An owner, an organization and its orchestrator keys, made through an in-process Platform that then stops. */
export async function seedOrgWithOrchestratorKeys(
  databaseUrl: string,
  orgName: string,
  keyNames: readonly string[],
): Promise<{ owner: TestUser; orgId: string; keys: string[] }> {
  const setup = await startTestApp(databaseUrl);
  try {
    const owner = await signIn(setup, 'ops@example.com');
    const orgId = await createOrg(setup, owner, orgName);
    const keys: string[] = [];
    for (const name of keyNames) {
      const created = await apiCaller(setup)(owner.token, 'POST', `/orgs/${orgId}/orchestrator-keys`, { name });
      keys.push(((await created.json()) as { key: string }).key);
    }
    return { owner, orgId, keys };
  } finally {
    await setup.close();
  }
}
