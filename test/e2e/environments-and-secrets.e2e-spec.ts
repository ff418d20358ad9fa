import { createApp } from '../../src/bootstrap/create-app.js';
import { JsonLogger } from '../../src/shared/logging/json-logger.js';
import { apiCaller, createOrg, join, roleId, signIn, type TestUser } from '../support/org-fixture.js';
import { type Frame, SimulatedOrchestrator } from '../support/simulated-orchestrator.js';
import { type RunningTestApp, testConfig } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { auditSealed } from '../support/audit-sealing.js';

const SECRET_VALUE = 'hunter2-7f3c9a-do-not-store';
const VARIABLE_VALUE = 'variable-value-5d1e';

/**
 * platform-domain §9.8: environments and secrets, all held by the orchestrator. The Platform relays,
 * enforces the write policy first, audits names only — and a secret value leaves no trace in it.
 */
describe('environments and secrets', () => {
  let db: TestDatabase;
  let platform: RunningTestApp;
  const logLines: string[] = [];
  let owner: TestUser;
  let orgId: string;
  let orch: SimulatedOrchestrator;
  let call: ReturnType<typeof apiCaller>;

  beforeAll(async () => {
    db = await createTestDatabase();
    // The most talkative log level, captured: nothing the Platform writes may contain the value.
    const config = testConfig(db.url, { KICI_LOG_LEVEL: 'verbose' });
    const app = await createApp(config, { databaseUrl: db.url, logger: new JsonLogger('verbose', (line) => void logLines.push(line)) });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.getHttpServer().address() as { port: number };
    platform = { app, origin: `http://127.0.0.1:${address.port}`, config, close: () => app.close() };
    call = apiCaller(platform);
    owner = await signIn(platform, 'owner@example.com');
    orgId = await createOrg(platform, owner, 'Secrets Co');
    const { key } = (await (await call(owner.token, 'POST', `/orgs/${orgId}/orchestrator-keys`, { name: 'secrets' })).json()) as { key: string };
    ({ orch } = await SimulatedOrchestrator.connect(`${platform.origin.replace('http', 'ws')}/ws`, key, {
      orchRole: 'coordinator',
      dashboardWrites: { 'secrets.scope.delete': false },
    }));
    await orch.request({ type: 'source.register', messageId: 'm', sources: [], clusterName: 'eu-1' }, 'source.register.ack');
    for (const type of [
      'dashboard.environments.update',
      'dashboard.environments.test_access.set',
      'dashboard.environments.variables.set',
      'dashboard.environments.variables.delete',
      'dashboard.environments.source-overrides.set',
      'dashboard.environments.source-overrides.delete',
      'dashboard.environments.bindings.set',
      'dashboard.environments.secrets.set',
      'dashboard.environments.secrets.delete',
      'dashboard.environments.secrets.scope.create',
      'dashboard.environments.secrets.scope.rename',
    ]) {
      orch.answer(type, () => ({}));
    }
    orch.answer('dashboard.environments.create', () => ({ environmentId: 'env-1' }));
    orch.answer('dashboard.environments.get', (request) => ({ environment: { id: request.environmentId, name: 'prod' } }));
    orch.answer('dashboard.environments.history', () => ({ runs: [{ runId: 'r1' }] }));
    orch.answer('dashboard.environments.variables.list', () => ({ variables: [{ key: 'REGION', value: 'eu', locked: false }] }));
    orch.answer('dashboard.environments.bindings.list', () => ({ bindings: [] }));
    orch.answer('dashboard.environments.source-overrides.list', () => ({ overrides: [] }));
    orch.answer('dashboard.environments.secrets.list', () => ({ secrets: [{ scope: 'pg:aws/prod', key: 'TOKEN', createdAt: 'x', updatedAt: 'x' }] }));
    orch.answer('dashboard.environments.delete', () => ({ errorCode: 'pending_held_runs' }));
  });

  afterAll(async () => {
    orch?.close();
    await platform?.close();
    await db?.drop();
  });

  const frameOf = (type: string, after: number): Promise<Frame> => orch.next(type, 5000, after);
  const auditActions = async (): Promise<string[]> => {
    await auditSealed(db, orgId);
    return (await db.query<{ action: string }>("SELECT action FROM audit_events WHERE chain_key = $1 AND action ~ '^(environment|env_|source_override|secret)' ORDER BY seq", [orgId])).map(
      (row) => row.action,
    );
  };

  it('sets a secret: relayed with its value, audited by name, and the value is nowhere in the Platform', async () => {
    const before = orch.received.length;
    const response = await call(owner.token, 'PUT', `/orgs/${orgId}/secrets/${encodeURIComponent('aws/prod')}/TOKEN`, { value: SECRET_VALUE });
    expect(response.status).toBe(200);
    expect(await frameOf('dashboard.environments.secrets.set', before)).toMatchObject({ scope: 'aws/prod', key: 'TOKEN', value: SECRET_VALUE });
    const [audit] = await db.query<{ target_id: string; payload: unknown }>("SELECT target_id, payload FROM audit_events WHERE action = 'secret.set'");
    expect(audit).toEqual({ target_id: 'aws/prod/TOKEN', payload: { scope: 'aws/prod', key: 'TOKEN' } });

    const tables = await db.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'");
    for (const { table_name: table } of tables) {
      const hits = await db.query(`SELECT 1 FROM "${table}" t WHERE t::text LIKE $1`, [`%${SECRET_VALUE}%`]);
      expect({ table, hits: hits.length }).toEqual({ table, hits: 0 });
    }
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.filter((line) => line.includes(SECRET_VALUE))).toEqual([]);
  });

  it('lists secret names, deletes a secret, manages scopes, and refuses a scope delete the orchestrator disabled', async () => {
    expect(await (await call(owner.token, 'GET', `/orgs/${orgId}/secrets`)).json()).toEqual({ secrets: [{ scope: 'pg:aws/prod', key: 'TOKEN', createdAt: 'x', updatedAt: 'x' }] });
    expect((await call(owner.token, 'DELETE', `/orgs/${orgId}/secrets/${encodeURIComponent('aws/prod')}/TOKEN`)).status).toBe(200);
    expect((await call(owner.token, 'POST', `/orgs/${orgId}/secrets/scopes`, { scope: 'gcp/dev' })).status).toBe(201);
    expect((await call(owner.token, 'PATCH', `/orgs/${orgId}/secrets/scopes/${encodeURIComponent('gcp/dev')}`, { newScope: 'gcp/test' })).status).toBe(200);
    const sent = orch.received.length;
    const refused = await call(owner.token, 'DELETE', `/orgs/${orgId}/secrets/scopes/${encodeURIComponent('gcp/test')}`);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: 'operation_disabled', operation: 'secrets.scope.delete' });
    expect(orch.received.slice(sent).map((frame) => frame.type)).not.toContain('dashboard.environments.secrets.scope.delete');
    expect(await auditActions()).toEqual(['secret.set', 'secret.delete', 'secret_scope.create', 'secret_scope.rename']);
  });

  it('creates, reads, updates and configures an environment; a delete blocked by held runs is a 409', async () => {
    const created = await call(owner.token, 'POST', `/orgs/${orgId}/environments`, { name: 'prod', envType: 'fixed', requiredReviewers: ['alice'] });
    expect(created.status).toBe(201);
    expect(await created.json()).toEqual({ environmentId: 'env-1' });
    expect(await (await call(owner.token, 'GET', `/orgs/${orgId}/environments/env-1`)).json()).toEqual({ environment: { id: 'env-1', name: 'prod' } });
    expect(await (await call(owner.token, 'GET', `/orgs/${orgId}/environments/env-1/history?limit=5`)).json()).toEqual({ runs: [{ runId: 'r1' }] });
    const before = orch.received.length;
    expect((await call(owner.token, 'PATCH', `/orgs/${orgId}/environments/env-1`, { waitTimerSeconds: 60, enabled: false })).status).toBe(200);
    expect(await frameOf('dashboard.environments.update', before)).toMatchObject({ environmentId: 'env-1', updates: { waitTimerSeconds: 60, enabled: false } });
    expect((await call(owner.token, 'PUT', `/orgs/${orgId}/environments/env-1/test-access`, { allowLocalExecution: true })).status).toBe(200);
    expect((await call(owner.token, 'PUT', `/orgs/${orgId}/environments/env-1/variables/REGION`, { value: VARIABLE_VALUE })).status).toBe(200);
    expect(await (await call(owner.token, 'GET', `/orgs/${orgId}/environments/env-1/variables`)).json()).toEqual({ variables: [{ key: 'REGION', value: 'eu', locked: false }] });
    expect((await call(owner.token, 'DELETE', `/orgs/${orgId}/environments/env-1/variables/REGION`)).status).toBe(200);
    expect((await call(owner.token, 'PUT', `/orgs/${orgId}/environments/env-1/source-overrides/github:1/REGION`, { value: 'us' })).status).toBe(200);
    expect((await call(owner.token, 'GET', `/orgs/${orgId}/environments/env-1/source-overrides/github:1`)).status).toBe(200);
    expect((await call(owner.token, 'DELETE', `/orgs/${orgId}/environments/env-1/source-overrides/github:1/REGION`)).status).toBe(200);
    expect((await call(owner.token, 'PUT', `/orgs/${orgId}/environments/env-1/bindings`, { bindings: [{ scopePattern: 'aws/*', hostPattern: '*' }] })).status).toBe(200);
    expect(await (await call(owner.token, 'GET', `/orgs/${orgId}/environments/env-1/bindings`)).json()).toEqual({ bindings: [] });
    const blocked = await call(owner.token, 'DELETE', `/orgs/${orgId}/environments/env-1`);
    expect(blocked.status).toBe(409);

    await auditSealed(db, orgId);
    const rows = await db.query<{ action: string; payload: Record<string, unknown> }>(
      "SELECT action, payload FROM audit_events WHERE chain_key = $1 AND action ~ '^(environment|env_|source_override)' ORDER BY seq",
      [orgId],
    );
    expect(rows.map((row) => row.action)).toEqual([
      'environment.create',
      'environment.update',
      'environment.test_access.set',
      'env_var.set',
      'env_var.delete',
      'source_override.set',
      'source_override.delete',
      'env_binding.set',
    ]);
    expect(JSON.stringify(rows)).not.toContain(VARIABLE_VALUE);
  });

  it('validates before sending, and gates each route by its permission', async () => {
    const sent = orch.received.length;
    for (const [method, path, body] of [
      ['POST', '/environments', { name: 'x', envType: 'round' }],
      ['PATCH', '/environments/env-1', {}],
      ['PUT', '/environments/env-1/test-access', { allowLocalExecution: 'yes' }],
      ['PUT', '/environments/env-1/bindings', { bindings: [{ scopePattern: '' }] }],
      ['PUT', '/secrets/aws/TOKEN', { value: 42 }],
      ['PUT', '/secrets/aws/TOKEN', { value: 'x', orgId: 'org_aaaaaaaaaaaa' }],
    ] as const) {
      expect({ method, path, status: (await call(owner.token, method, `/orgs/${orgId}${path}`, body)).status }).toEqual({ method, path, status: 400 });
    }
    expect(orch.received.length).toBe(sent);

    const member = await join(platform, orgId, owner, 'member@example.com', [await roleId(platform, owner, orgId, 'Member')]);
    const refused = await call(member.token, 'PUT', `/orgs/${orgId}/secrets/aws/TOKEN`, { value: 'x' });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: 'Insufficient permission: secrets.write needed' });
  });
});
