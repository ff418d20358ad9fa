import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { describeAccess, routeTable } from '../support/route-table.js';
import { type RunningTestApp, startTestApp } from '../support/test-app.js';

/**
 * Every route and who may call it. A new route, or a changed permission, fails this test until the table
 * below is updated, so each change of access is visible in review.
 */
const EXPECTED = [
  'POST /api/v1/cli/exchange-token → user oidc',
  'POST /api/v1/invites/:inviteId/accept → user oidc|pat',
  'POST /api/v1/invites/:inviteId/decline → user oidc|pat',
  'GET /api/v1/invites/pending → user oidc|pat',
  'GET /api/v1/orgs → user oidc|pat',
  'POST /api/v1/orgs → user oidc|pat',
  'GET /api/v1/orgs/:orgId → org member',
  'PATCH /api/v1/orgs/:orgId → org org_settings.admin',
  'GET /api/v1/orgs/:orgId/access-log → org audit.read',
  'GET /api/v1/orgs/:orgId/activity → org audit.read',
  'GET /api/v1/orgs/:orgId/api-keys → org api_keys.read',
  'POST /api/v1/orgs/:orgId/api-keys → org api_keys.write',
  'DELETE /api/v1/orgs/:orgId/api-keys/:keyId → org api_keys.write',
  'GET /api/v1/orgs/:orgId/attestations → org runs.read',
  'GET /api/v1/orgs/:orgId/attestations/:attestationId → org runs.read',
  'GET /api/v1/orgs/:orgId/audit → org audit.read',

  'GET /api/v1/orgs/:orgId/audit/verify → org audit.read',
  'GET /api/v1/orgs/:orgId/backends → org secrets.read',
  'GET /api/v1/orgs/:orgId/backends/:name → org secrets.read',
  'POST /api/v1/orgs/:orgId/backends/:name/sync → org secrets.admin',
  'POST /api/v1/orgs/:orgId/backends/:name/test → org secrets.admin',
  'POST /api/v1/orgs/:orgId/backends/sync → org secrets.admin',
  'GET /api/v1/orgs/:orgId/billing → org billing.read',
  'GET /api/v1/orgs/:orgId/capabilities → org member',
  'GET /api/v1/orgs/:orgId/diagnostics → org runs.read',
  'GET /api/v1/orgs/:orgId/diagnostics/infrastructure → org runs.read',
  'GET /api/v1/orgs/:orgId/diagnostics/scalers → org runs.read',
  'GET /api/v1/orgs/:orgId/diagnostics/scalers/agents → org runs.read',
  'POST /api/v1/orgs/:orgId/disable → org org_settings.admin',
  'GET /api/v1/orgs/:orgId/environments → org environments.read',
  'POST /api/v1/orgs/:orgId/environments → org environments.admin',
  'DELETE /api/v1/orgs/:orgId/environments/:environmentId → org environments.admin',
  'GET /api/v1/orgs/:orgId/environments/:environmentId → org environments.read',
  'PATCH /api/v1/orgs/:orgId/environments/:environmentId → org environments.admin',
  'GET /api/v1/orgs/:orgId/environments/:environmentId/bindings → org environments.read',
  'PUT /api/v1/orgs/:orgId/environments/:environmentId/bindings → org environments.write',
  'GET /api/v1/orgs/:orgId/environments/:environmentId/history → org environments.read',
  'GET /api/v1/orgs/:orgId/environments/:environmentId/source-overrides/:routingKey → org environments.read',
  'DELETE /api/v1/orgs/:orgId/environments/:environmentId/source-overrides/:routingKey/:key → org environments.write',
  'PUT /api/v1/orgs/:orgId/environments/:environmentId/source-overrides/:routingKey/:key → org environments.write',
  'PUT /api/v1/orgs/:orgId/environments/:environmentId/test-access → org secrets.write',
  'GET /api/v1/orgs/:orgId/environments/:environmentId/variables → org environments.read',
  'DELETE /api/v1/orgs/:orgId/environments/:environmentId/variables/:key → org environments.write',
  'PUT /api/v1/orgs/:orgId/environments/:environmentId/variables/:key → org environments.write',
  'GET /api/v1/orgs/:orgId/event-dlq → org event_dlq.read',
  'POST /api/v1/orgs/:orgId/event-dlq/:eventId/discard → org event_dlq.write',
  'POST /api/v1/orgs/:orgId/event-dlq/:eventId/retry → org event_dlq.write',
  'GET /api/v1/orgs/:orgId/event-dlq/count → org event_dlq.read',
  'GET /api/v1/orgs/:orgId/event-log → org event_log.read',
  'GET /api/v1/orgs/:orgId/event-log/:deliveryId → org event_log.read',
  'GET /api/v1/orgs/:orgId/fleet/hosts → org fleet.read',
  'POST /api/v1/orgs/:orgId/fleet/hosts → org fleet.write',
  'DELETE /api/v1/orgs/:orgId/fleet/hosts/:agentId → org fleet.write',
  'GET /api/v1/orgs/:orgId/fleet/hosts/:agentId → org fleet.read',
  'GET /api/v1/orgs/:orgId/fleet/hosts/:agentId/workflows → org fleet.read',
  'GET /api/v1/orgs/:orgId/fleet/preview → org fleet.read',
  'GET /api/v1/orgs/:orgId/global-workflows → org workflows.read',
  'PUT /api/v1/orgs/:orgId/global-workflows → org workflows.admin',
  'GET /api/v1/orgs/:orgId/held-runs → org environments.read',
  'POST /api/v1/orgs/:orgId/held-runs/:heldRunId/approve → org environments.write|ci_trust.write',
  'POST /api/v1/orgs/:orgId/held-runs/:heldRunId/reject → org environments.write|ci_trust.write',
  'GET /api/v1/orgs/:orgId/invites → org members.read',
  'POST /api/v1/orgs/:orgId/invites → org members.write',
  'DELETE /api/v1/orgs/:orgId/invites/:inviteId → org members.write',
  'GET /api/v1/orgs/:orgId/members → org members.read',
  'DELETE /api/v1/orgs/:orgId/members/:userId → org member',
  'DELETE /api/v1/orgs/:orgId/members/:userId/roles/:roleId → org members.admin',
  'PUT /api/v1/orgs/:orgId/members/:userId/roles/:roleId → org members.admin',
  'POST /api/v1/orgs/:orgId/members/:userId/suspend → org members.admin',
  'POST /api/v1/orgs/:orgId/members/:userId/unsuspend → org members.admin',
  'GET /api/v1/orgs/:orgId/orchestrator-keys → org api_keys.read',
  'POST /api/v1/orgs/:orgId/orchestrator-keys → org api_keys.admin',
  'DELETE /api/v1/orgs/:orgId/orchestrator-keys/:keyId → org api_keys.admin',
  'GET /api/v1/orgs/:orgId/orchestrators → org member',
  'GET /api/v1/orgs/:orgId/orchestrators/:clusterName/runs → org runs.read',
  'GET /api/v1/orgs/:orgId/registrations → org workflows.read',
  'DELETE /api/v1/orgs/:orgId/registrations/:registrationId → org workflows.admin',
  'PATCH /api/v1/orgs/:orgId/registrations/:registrationId → org workflows.write',
  'POST /api/v1/orgs/:orgId/registrations/:registrationId/run → org runs.write',
  'GET /api/v1/orgs/:orgId/roles → org members.read',
  'POST /api/v1/orgs/:orgId/roles → org members.admin',
  'DELETE /api/v1/orgs/:orgId/roles/:roleId → org members.admin',
  'PATCH /api/v1/orgs/:orgId/roles/:roleId → org members.admin',
  'GET /api/v1/orgs/:orgId/runs → org runs.read',
  'GET /api/v1/orgs/:orgId/runs/:runId → org runs.read',
  'GET /api/v1/orgs/:orgId/runs/:runId/attestations → org runs.read',
  'POST /api/v1/orgs/:orgId/runs/:runId/cancel → org runs.write',
  'GET /api/v1/orgs/:orgId/runs/:runId/detail → org runs.read',
  'GET /api/v1/orgs/:orgId/runs/:runId/events → org runs.read',
  'GET /api/v1/orgs/:orgId/runs/:runId/jobs/:jobId/orch-logs → org runs.read',
  'GET /api/v1/orgs/:orgId/runs/:runId/jobs/:jobId/steps/:stepIndex/logs → org runs.read',
  'GET /api/v1/orgs/:orgId/runs/:runId/payload → org event_log.read_payload',
  'POST /api/v1/orgs/:orgId/runs/:runId/rerun → org runs.write',
  'GET /api/v1/orgs/:orgId/runs/:runId/reruns → org runs.read',
  'GET /api/v1/orgs/:orgId/runs/:runId/structured → org runs.read',
  'POST /api/v1/orgs/:orgId/runs/cancel-by-branch → org runs.write',
  'GET /api/v1/orgs/:orgId/runs/filters → org runs.read',
  'GET /api/v1/orgs/:orgId/secrets → org secrets.read',
  'DELETE /api/v1/orgs/:orgId/secrets/:scope/:key → org secrets.write',
  'PUT /api/v1/orgs/:orgId/secrets/:scope/:key → org secrets.write',
  'POST /api/v1/orgs/:orgId/secrets/scopes → org secrets.write',
  'DELETE /api/v1/orgs/:orgId/secrets/scopes/:scope → org secrets.write',
  'PATCH /api/v1/orgs/:orgId/secrets/scopes/:scope → org secrets.write',
  'GET /api/v1/orgs/:orgId/security/dashboard-policy → org org_settings.read',
  'GET /api/v1/orgs/:orgId/service-accounts → org api_keys.read',
  'POST /api/v1/orgs/:orgId/service-accounts → org api_keys.admin',
  'DELETE /api/v1/orgs/:orgId/service-accounts/:serviceAccountId → org api_keys.admin',
  'PATCH /api/v1/orgs/:orgId/service-accounts/:serviceAccountId → org api_keys.admin',
  'POST /api/v1/orgs/:orgId/service-accounts/:serviceAccountId/keys → org api_keys.admin',
  'DELETE /api/v1/orgs/:orgId/service-accounts/:serviceAccountId/keys/:keyId → org api_keys.admin',
  'DELETE /api/v1/orgs/:orgId/service-accounts/:serviceAccountId/roles/:roleId → org api_keys.admin',
  'PUT /api/v1/orgs/:orgId/service-accounts/:serviceAccountId/roles/:roleId → org api_keys.admin',
  'GET /api/v1/orgs/:orgId/sources → org webhook_sources.read',
  'GET /api/v1/orgs/:orgId/support → org support.read',
  'PUT /api/v1/orgs/:orgId/support → org support.admin',
  'GET /api/v1/orgs/:orgId/test/runs/:runId → org runs.read',
  'POST /api/v1/orgs/:orgId/test/runs/:runId/cancel → org runs.write',
  'GET /api/v1/orgs/:orgId/test/runs/:runId/logs → org runs.read',
  'POST /api/v1/orgs/:orgId/test/trigger → org runs.write',
  'POST /api/v1/orgs/:orgId/test/uploads/init → org runs.write',
  'GET /api/v1/orgs/:orgId/trust-policies → org ci_trust.read',
  'PUT /api/v1/orgs/:orgId/trust-policies → org ci_trust.admin',
  'GET /api/v1/orgs/:orgId/webhook-endpoints → org webhook_endpoints.read',
  'POST /api/v1/orgs/:orgId/webhook-endpoints → org webhook_endpoints.write',
  'DELETE /api/v1/orgs/:orgId/webhook-endpoints/:endpointId → org webhook_endpoints.write',
  'GET /api/v1/orgs/:orgId/webhook-endpoints/:endpointId → org webhook_endpoints.read',
  'PATCH /api/v1/orgs/:orgId/webhook-endpoints/:endpointId → org webhook_endpoints.write',
  'GET /api/v1/orgs/:orgId/webhook-endpoints/:endpointId/deliveries → org webhook_endpoints.read',
  'POST /api/v1/orgs/:orgId/webhook-endpoints/:endpointId/deliveries/:deliveryId/discard → org webhook_endpoints.write',
  'POST /api/v1/orgs/:orgId/webhook-endpoints/:endpointId/deliveries/:deliveryId/requeue → org webhook_endpoints.write',
  'POST /api/v1/orgs/:orgId/webhook-endpoints/:endpointId/rotate-secret → org webhook_endpoints.admin',
  'POST /api/v1/orgs/:orgId/webhook-endpoints/:endpointId/test → org webhook_endpoints.write',
  'GET /api/v1/orgs/:orgId/workflows → org workflows.read',
  'GET /api/v1/pats → user oidc|pat',
  'POST /api/v1/pats → user oidc|pat',
  'DELETE /api/v1/pats/:id → user oidc|pat',
  'GET /api/v1/user → user oidc|pat',
  'GET /api/v1/user/orgs → user oidc|pat',
  'GET /health → public',
  'GET /metrics → public',
  'GET /ready → public',
  'POST /webhook/:orgId/generic/:sourceId → public',
  'POST /webhook/:orgId/github → public',
];

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
