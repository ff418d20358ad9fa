import { QueryBus } from '@nestjs/cqrs';
import { VerifyAuditChainQuery } from '../../src/modules/audit/index.js';
import { devIdpToken } from '../support/dev-idp-tokens.js';
import { apiCaller, createOrg, join, roleId, signIn, type TestUser } from '../support/org-fixture.js';
import { routeTable } from '../support/route-table.js';
import { eventually } from '../support/eventually.js';
import { receiveRelays } from '../support/relay-receiver.js';
import { SimulatedOrchestrator } from '../support/simulated-orchestrator.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { type RunningTestApp, startTestApp } from '../support/test-app.js';
import { auditSealed } from '../support/audit-sealing.js';

interface AuditRow {
  id: string;
  action: string;
  actor_type: string;
  actor_id: string;
  chain_key: string;
}

/**
 * A tour through every mutation route: each call must add exactly the audit rows it should, with the
 * right actor (user, API key or service account), and every chain must verify afterwards. The tour must
 * cover every non-GET route of the route table, so a new mutation route fails here until it is audited.
 */
describe('every mutation route writes its audit rows', () => {
  let db: TestDatabase;
  let platform: RunningTestApp;
  let call: ReturnType<typeof apiCaller>;
  const covered = new Set<string>();
  let lastId = '00000000-0000-0000-0000-000000000000';

  beforeAll(async () => {
    db = await createTestDatabase();
    // The worker stays off: deliveries queued by the tour must stay put for discard and requeue.
    platform = await startTestApp(db.url, { KICI_WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true', KICI_WEBHOOK_WORKER: 'false' });
    call = apiCaller(platform);
  });

  afterAll(async () => {
    await platform?.close();
    await db?.drop();
  });

  async function newRows(): Promise<AuditRow[]> {
    await new Promise((resolve) => setTimeout(resolve, 20));
    const rows = await db.query<AuditRow>('SELECT id, action, actor_type, actor_id, chain_key FROM audit_events WHERE id > $1 ORDER BY id', [lastId]);
    if (rows.length > 0) lastId = rows[rows.length - 1]!.id;
    return rows;
  }

  /** Calls a route and checks the audit rows it added: `[action, actorType]` pairs, in order. */
  async function step(
    route: string,
    token: string,
    path: string,
    body: unknown,
    expected: [string, string][],
    expectedActorId?: string,
  ): Promise<Record<string, unknown>> {
    await newRows();
    const [method] = route.split(' ');
    const response = await call(token, method!, path, body);
    const text = await response.text();
    if (response.status >= 300) throw new Error(`${route} answered ${response.status}: ${text}`);
    const rows = await newRows();
    expect({ route, rows: rows.map((row) => [row.action, row.actor_type]) }).toEqual({ route, rows: expected });
    if (expectedActorId) expect(rows.every((row) => row.actor_id === expectedActorId)).toBe(true);
    covered.add(route);
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  }

  it('audits each mutation exactly once per change, with the acting principal', async () => {
    const idToken = await devIdpToken(platform, 'tourist@example.com');
    const exchanged = await step('POST /api/v1/cli/exchange-token', idToken, '/cli/exchange-token', { machineName: 'tour' }, [
      ['user.create', 'user'],
      ['org.create', 'user'],
      ['pat.create', 'user'],
    ]);
    const token = exchanged.token as string;
    const me: TestUser = { email: 'tourist@example.com', token, userId: ((await (await call(token, 'GET', '/user')).json()) as { id: string }).id };

    const pat = await step('POST /api/v1/pats', token, '/pats', { name: 'spare' }, [['pat.create', 'user']]);
    await step('DELETE /api/v1/pats/:id', token, `/pats/${String(pat.id)}`, undefined, [['pat.revoke', 'user']]);

    const org = await step('POST /api/v1/orgs', token, '/orgs', { name: 'Tour' }, [['org.create', 'user']]);
    const orgId = org.id as string;
    const base = `/orgs/${orgId}`;
    await step('PATCH /api/v1/orgs/:orgId', token, base, { displayName: 'Tour 2' }, [['org.rename', 'user']]);

    const role = await step('POST /api/v1/orgs/:orgId/roles', token, `${base}/roles`, { name: 'Tourer', permissions: { runs: 'read' } }, [['role.create', 'user']]);
    await step('PATCH /api/v1/orgs/:orgId/roles/:roleId', token, `${base}/roles/${String(role.id)}`, { description: 'edited' }, [['role.update', 'user']]);

    const invite = await step('POST /api/v1/orgs/:orgId/invites', token, `${base}/invites`, { email: 'guest@example.com' }, [['invite.create', 'user']]);
    const guest = await signIn(platform, 'guest@example.com');
    await newRows();
    await step('POST /api/v1/invites/:inviteId/accept', guest.token, `/invites/${String(invite.id)}/accept`, undefined, [
      ['invite.accept', 'user'],
      ['member.join', 'user'],
      ['role.assigned', 'user'],
    ]);
    const declined = await step('POST /api/v1/orgs/:orgId/invites', token, `${base}/invites`, { email: 'nope@example.com' }, [['invite.create', 'user']]);
    const nope = await signIn(platform, 'nope@example.com');
    await newRows();
    await step('POST /api/v1/invites/:inviteId/decline', nope.token, `/invites/${String(declined.id)}/decline`, undefined, [['invite.declined', 'user']]);
    const revoked = await step('POST /api/v1/orgs/:orgId/invites', token, `${base}/invites`, { email: 'later@example.com' }, [['invite.create', 'user']]);
    await step('DELETE /api/v1/orgs/:orgId/invites/:inviteId', token, `${base}/invites/${String(revoked.id)}`, undefined, [['invite.revoke', 'user']]);

    await step('PUT /api/v1/orgs/:orgId/members/:userId/roles/:roleId', token, `${base}/members/${guest.userId}/roles/${String(role.id)}`, undefined, [['role.assigned', 'user']]);
    await step('DELETE /api/v1/orgs/:orgId/members/:userId/roles/:roleId', token, `${base}/members/${guest.userId}/roles/${String(role.id)}`, undefined, [
      ['role.unassigned', 'user'],
    ]);
    await step('POST /api/v1/orgs/:orgId/members/:userId/suspend', token, `${base}/members/${guest.userId}/suspend`, undefined, [['member.suspend', 'user']]);
    await step('POST /api/v1/orgs/:orgId/members/:userId/unsuspend', token, `${base}/members/${guest.userId}/unsuspend`, undefined, [['member.unsuspend', 'user']]);

    const key = await step('POST /api/v1/orgs/:orgId/api-keys', token, `${base}/api-keys`, { name: 'tour-key', permissions: { members: 'admin', ci_trust: 'admin' } }, [
      ['api_key.create', 'user'],
    ]);
    // Acting as the API key: the key is the actor.
    await step('PUT /api/v1/orgs/:orgId/trust-policies', key.token as string, `${base}/trust-policies`, {
      forkPolicy: 'reject',
      unknownContributorPolicy: 'hold',
      workflowChangePolicy: 'hold',
      approvalExpiryHours: 12,
    }, [['trust_policy.update', 'api_key']], key.id as string);
    await step('DELETE /api/v1/orgs/:orgId/api-keys/:keyId', token, `${base}/api-keys/${String(key.id)}`, undefined, [['api_key.revoke', 'user']]);

    const orchestratorKey = await step('POST /api/v1/orgs/:orgId/orchestrator-keys', token, `${base}/orchestrator-keys`, { name: 'tour-ok' }, [['orchestrator_key.create', 'user']]);
    await step('DELETE /api/v1/orgs/:orgId/orchestrator-keys/:keyId', token, `${base}/orchestrator-keys/${String(orchestratorKey.id)}`, undefined, [
      ['orchestrator_key.revoke', 'user'],
    ]);

    const sa = await step('POST /api/v1/orgs/:orgId/service-accounts', token, `${base}/service-accounts`, { name: 'tour-bot', roleIds: [String(role.id)] }, [
      ['service_account.create', 'user'],
      ['role.assigned', 'user'],
    ]);
    const saPath = `${base}/service-accounts/${String(sa.id)}`;
    await step('PATCH /api/v1/orgs/:orgId/service-accounts/:serviceAccountId', token, saPath, { name: 'tour-robot', description: 'tours' }, [['service_account.update', 'user']]);
    const saKey = await step('POST /api/v1/orgs/:orgId/service-accounts/:serviceAccountId/keys', token, `${saPath}/keys`, undefined, [['service_account.key.create', 'user']]);
    const memberRole = await roleId(platform, me, orgId, 'Member');
    await step('PUT /api/v1/orgs/:orgId/service-accounts/:serviceAccountId/roles/:roleId', token, `${saPath}/roles/${memberRole}`, undefined, [['role.assigned', 'user']]);
    // Acting as the service account (Member role has support none: use a role the bot holds).
    const botRole = await step('POST /api/v1/orgs/:orgId/roles', token, `${base}/roles`, { name: 'Bot support', permissions: { support: 'admin' } }, [['role.create', 'user']]);
    await step('PUT /api/v1/orgs/:orgId/service-accounts/:serviceAccountId/roles/:roleId', token, `${saPath}/roles/${String(botRole.id)}`, undefined, [['role.assigned', 'user']]);
    await step('PUT /api/v1/orgs/:orgId/support', saKey.key as string, `${base}/support`, { enabled: true }, [['support.enable', 'service_account']], sa.id as string);
    await step('DELETE /api/v1/orgs/:orgId/service-accounts/:serviceAccountId/roles/:roleId', token, `${saPath}/roles/${memberRole}`, undefined, [
      ['role.unassigned', 'user'],
    ]);
    await step('DELETE /api/v1/orgs/:orgId/service-accounts/:serviceAccountId/keys/:keyId', token, `${saPath}/keys/${String(saKey.id)}`, undefined, [
      ['service_account.key.revoke', 'user'],
    ]);
    await step('DELETE /api/v1/orgs/:orgId/service-accounts/:serviceAccountId', token, saPath, undefined, [['service_account.delete', 'user']]);

    // Relayed run actions: an orchestrator reports a run, accepts the rerun and the cancel.
    const ok = await step('POST /api/v1/orgs/:orgId/orchestrator-keys', token, `${base}/orchestrator-keys`, { name: 'runs' }, [['orchestrator_key.create', 'user']]);
    const { orch } = await SimulatedOrchestrator.connect(`${platform.origin.replace('http', 'ws')}/ws`, ok.key as string);
    await orch.request({ type: 'source.register', messageId: 'm', sources: [], clusterName: 'tour' }, 'source.register.ack');
    // Provider webhooks change nothing the audit log covers: the delivery is recorded in the event log only.
    await orch.request(
      { type: 'source.register', messageId: 'hooks', sources: [{ provider: 'generic', routingKey: `generic:${orgId}:tour`, name: 'tour', subtype: 'generic_webhook' }, { provider: 'github', routingKey: 'github:7', name: 'app', subtype: 'github_app' }] },
      'source.register.ack',
    );
    receiveRelays(orch);
    await newRows();
    const providerHeaders = { 'content-type': 'application/json', 'x-github-hook-installation-target-id': '7', 'x-github-event': 'push', 'x-github-delivery': 'tour-1' };
    for (const [route, path] of [['POST /webhook/:orgId/github', 'github'], ['POST /webhook/:orgId/generic/:sourceId', 'generic/tour']] as const) {
      const response = await fetch(`${platform.origin}/webhook/${orgId}/${path}`, { method: 'POST', headers: providerHeaders, body: '{}' });
      expect({ route, status: response.status, rows: await newRows() }).toEqual({ route, status: 200, rows: [] });
      covered.add(route);
    }
    orch.answer('run.rerun.request', () => ({ newRunId: 'tour-run-2' }));
    orch.answer('run.cancel.request', () => ({ cancelledJobs: 0 }));
    orch.send({ type: 'execution.status', messageId: 'x', runId: 'tour-run', workflowName: 'w', status: 'running', startedAt: 1, timestamp: 1 });
    await eventually(async () => expect((await db.query("SELECT 1 FROM runs WHERE run_id = 'tour-run'")).length).toBe(1));
    await step('POST /api/v1/orgs/:orgId/runs/:runId/rerun', token, `${base}/runs/tour-run/rerun`, undefined, [['run.rerun', 'user']]);
    await step('POST /api/v1/orgs/:orgId/runs/:runId/cancel', token, `${base}/runs/tour-run/cancel`, undefined, [['run.cancel', 'user']]);
    orch.send({ type: 'execution.status', messageId: 'y', runId: 'tour-branch-run', workflowName: 'w', status: 'running', startedAt: 1, timestamp: 1, ref: 'refs/heads/tour' });
    await eventually(async () => expect((await db.query("SELECT 1 FROM runs WHERE run_id = 'tour-branch-run'")).length).toBe(1));
    await step('POST /api/v1/orgs/:orgId/runs/cancel-by-branch', token, `${base}/runs/cancel-by-branch`, { branch: 'tour' }, [['run.cancel', 'user']]);
    orch.answer('test.relay.uploads.init', () => ({ uploadId: 'u1', signedUrl: 'http://127.0.0.1:1/upload', publicKey: 'k', expiresIn: 60 }));
    orch.answer('test.relay.trigger', () => ({ runId: 'remote-run', status: 'accepted', jobIds: [] }));
    orch.answer('test.relay.cancel', () => ({ cancelled: true }));
    // Reserving an upload slot changes nothing of the tenant's: relayed, not audited.
    await step('POST /api/v1/orgs/:orgId/test/uploads/init', token, `${base}/test/uploads/init`, { sha: 'abc' }, []);
    await step('POST /api/v1/orgs/:orgId/test/trigger', token, `${base}/test/trigger`, { fixtureId: 'f', event: { type: 'push', targetBranch: 'main', payload: {} } }, [
      ['run.trigger', 'user'],
    ]);
    await step('POST /api/v1/orgs/:orgId/test/runs/:runId/cancel', token, `${base}/test/runs/remote-run/cancel`, {}, [['run.cancel', 'user']]);
    orch.answer('dashboard.held-runs.approve', () => ({}));
    orch.answer('dashboard.held-runs.reject', () => ({}));
    await step('POST /api/v1/orgs/:orgId/held-runs/:heldRunId/approve', token, `${base}/held-runs/h1/approve`, undefined, [['held_run.approve', 'user']]);
    await step('POST /api/v1/orgs/:orgId/held-runs/:heldRunId/reject', token, `${base}/held-runs/h2/reject`, { reason: 'no' }, [['held_run.reject', 'user']]);
    orch.answer('dashboard.event-dlq.retry', () => ({ retried: true }));
    orch.answer('dashboard.event-dlq.discard', () => ({ discarded: true }));
    await step('POST /api/v1/orgs/:orgId/event-dlq/:eventId/retry', token, `${base}/event-dlq/e1/retry`, undefined, [['event_dlq.retry', 'user']]);
    await step('POST /api/v1/orgs/:orgId/event-dlq/:eventId/discard', token, `${base}/event-dlq/e2/discard`, undefined, [['event_dlq.discard', 'user']]);
    // Environments and secrets: relayed writes, audited by name.
    for (const type of [
      'create', 'update', 'test_access.set', 'delete', 'variables.set', 'variables.delete', 'source-overrides.set', 'source-overrides.delete', 'bindings.set',
      'secrets.set', 'secrets.delete', 'secrets.scope.create', 'secrets.scope.rename', 'secrets.scope.delete',
    ]) {
      orch.answer(`dashboard.environments.${type}`, () => ({}));
    }
    const env = `${base}/environments/env-1`;
    await step('POST /api/v1/orgs/:orgId/environments', token, `${base}/environments`, { name: 'prod', envType: 'fixed' }, [['environment.create', 'user']]);
    await step('PATCH /api/v1/orgs/:orgId/environments/:environmentId', token, env, { enabled: false }, [['environment.update', 'user']]);
    await step('PUT /api/v1/orgs/:orgId/environments/:environmentId/test-access', token, `${env}/test-access`, { allowLocalExecution: true }, [['environment.test_access.set', 'user']]);
    await step('PUT /api/v1/orgs/:orgId/environments/:environmentId/variables/:key', token, `${env}/variables/A`, { value: 'v' }, [['env_var.set', 'user']]);
    await step('DELETE /api/v1/orgs/:orgId/environments/:environmentId/variables/:key', token, `${env}/variables/A`, undefined, [['env_var.delete', 'user']]);
    await step('PUT /api/v1/orgs/:orgId/environments/:environmentId/source-overrides/:routingKey/:key', token, `${env}/source-overrides/github:1/A`, { value: 'v' }, [
      ['source_override.set', 'user'],
    ]);
    await step('DELETE /api/v1/orgs/:orgId/environments/:environmentId/source-overrides/:routingKey/:key', token, `${env}/source-overrides/github:1/A`, undefined, [
      ['source_override.delete', 'user'],
    ]);
    await step('PUT /api/v1/orgs/:orgId/environments/:environmentId/bindings', token, `${env}/bindings`, { bindings: [] }, [['env_binding.set', 'user']]);
    await step('DELETE /api/v1/orgs/:orgId/environments/:environmentId', token, env, undefined, [['environment.delete', 'user']]);
    await step('POST /api/v1/orgs/:orgId/secrets/scopes', token, `${base}/secrets/scopes`, { scope: 'aws' }, [['secret_scope.create', 'user']]);
    await step('PATCH /api/v1/orgs/:orgId/secrets/scopes/:scope', token, `${base}/secrets/scopes/aws`, { newScope: 'aws2' }, [['secret_scope.rename', 'user']]);
    await step('PUT /api/v1/orgs/:orgId/secrets/:scope/:key', token, `${base}/secrets/aws2/K`, { value: 's' }, [['secret.set', 'user']]);
    await step('DELETE /api/v1/orgs/:orgId/secrets/:scope/:key', token, `${base}/secrets/aws2/K`, undefined, [['secret.delete', 'user']]);
    await step('DELETE /api/v1/orgs/:orgId/secrets/scopes/:scope', token, `${base}/secrets/scopes/aws2`, undefined, [['secret_scope.delete', 'user']]);
    orch.answer('dashboard.registration.disable', () => ({ success: true }));
    orch.answer('dashboard.registration.delete', () => ({ success: true }));
    orch.answer('run.manual_schedule.request', () => ({ newRunId: 'scheduled' }));
    orch.answer('dashboard.global-workflows.update', () => ({ settings: {} }));
    await step('PATCH /api/v1/orgs/:orgId/registrations/:registrationId', token, `${base}/registrations/reg-1`, { disabled: true }, [['registration.disable', 'user']]);
    await step('POST /api/v1/orgs/:orgId/registrations/:registrationId/run', token, `${base}/registrations/reg-1/run`, undefined, [['run.manual_schedule', 'user']]);
    await step('DELETE /api/v1/orgs/:orgId/registrations/:registrationId', token, `${base}/registrations/reg-1`, undefined, [['registration.delete', 'user']]);
    await step('PUT /api/v1/orgs/:orgId/global-workflows', token, `${base}/global-workflows`, { enabled: true }, [['global_workflows.update', 'user']]);
    orch.answer('dashboard.fleet.host.declare', () => ({ declared: true }));
    orch.answer('dashboard.fleet.host.remove', () => ({ removed: true }));
    orch.answer('dashboard.backends.sync', () => ({ results: [] }));
    orch.answer('dashboard.backends.sync.one', () => ({ synced: true }));
    orch.answer('dashboard.backends.test', () => ({ ok: true }));
    await step('POST /api/v1/orgs/:orgId/fleet/hosts', token, `${base}/fleet/hosts`, { agentId: 'h1' }, [['fleet.host.declare', 'user']]);
    await step('DELETE /api/v1/orgs/:orgId/fleet/hosts/:agentId', token, `${base}/fleet/hosts/h1`, undefined, [['fleet.host.remove', 'user']]);
    await step('POST /api/v1/orgs/:orgId/backends/sync', token, `${base}/backends/sync`, undefined, [['backend.sync', 'user']]);
    await step('POST /api/v1/orgs/:orgId/backends/:name/sync', token, `${base}/backends/vault/sync`, undefined, [['backend.sync_one', 'user']]);
    // A connection test changes nothing: relayed, not audited.
    await step('POST /api/v1/orgs/:orgId/backends/:name/test', token, `${base}/backends/vault/test`, undefined, []);
    orch.close();

    // Outbound webhook endpoints: the Platform is started with private targets allowed for this receiver.
    const hooks = `${base}/webhook-endpoints`;
    const endpoint = await step('POST /api/v1/orgs/:orgId/webhook-endpoints', token, hooks, { url: 'http://127.0.0.1:9/hook', eventTypes: ['ping'] }, [
      ['webhook_endpoint.create', 'user'],
    ]);
    const hook = `${hooks}/${String(endpoint.id)}`;
    await step('PATCH /api/v1/orgs/:orgId/webhook-endpoints/:endpointId', token, hook, { description: 'tour' }, [['webhook_endpoint.update', 'user']]);
    await step('POST /api/v1/orgs/:orgId/webhook-endpoints/:endpointId/rotate-secret', token, `${hook}/rotate-secret`, { overlapSeconds: 60 }, [
      ['webhook_endpoint.secret.rotate', 'user'],
    ]);
    const ping = await step('POST /api/v1/orgs/:orgId/webhook-endpoints/:endpointId/test', token, `${hook}/test`, undefined, [['webhook_endpoint.test', 'user']]);
    await step('POST /api/v1/orgs/:orgId/webhook-endpoints/:endpointId/deliveries/:deliveryId/discard', token, `${hook}/deliveries/${String(ping.id)}/discard`, undefined, [
      ['webhook_delivery.discard', 'user'],
    ]);
    await step('POST /api/v1/orgs/:orgId/webhook-endpoints/:endpointId/deliveries/:deliveryId/requeue', token, `${hook}/deliveries/${String(ping.id)}/requeue`, undefined, [
      ['webhook_delivery.requeue', 'user'],
    ]);
    await step('DELETE /api/v1/orgs/:orgId/webhook-endpoints/:endpointId', token, hook, undefined, [['webhook_endpoint.delete', 'user']]);

    await step('DELETE /api/v1/orgs/:orgId/roles/:roleId', token, `${base}/roles/${String(botRole.id)}`, undefined, [['role.delete', 'user']]);
    await step('DELETE /api/v1/orgs/:orgId/members/:userId', token, `${base}/members/${guest.userId}`, undefined, [['member.removed', 'user']]);
    await step('POST /api/v1/orgs/:orgId/disable', token, `${base}/disable`, undefined, [['org.disable', 'user']]);

    const queries = platform.app.get(QueryBus);
    await auditSealed(db);
    const chains = await db.query<{ chain_key: string }>('SELECT DISTINCT chain_key FROM audit_events');
    for (const { chain_key: chain } of chains) {
      await expect(queries.execute(new VerifyAuditChainQuery(chain === 'platform' ? null : chain))).resolves.toMatchObject({ firstBreak: null, rowsPendingSeal: 0 });
    }
  });

  it('covered every mutation route of the route table', () => {
    const mutations = routeTable(platform.app)
      .filter((route) => route.method !== 'GET')
      .map((route) => `${route.method} ${route.path}`)
      .sort();
    expect([...covered].sort()).toEqual(mutations);
  });
});
