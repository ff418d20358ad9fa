import { describeAccess as documentedAccess } from '../../src/observability/openapi/openapi-document.js';
import { describeAccess, routeTable } from '../support/route-table.js';
import { EXPECTED } from '../support/route-snapshot.js';
import { platformSuite } from '../support/suites.js';

type Operation = { 'x-kici-access': string; parameters: { name: string; in: string; schema: Record<string, unknown> }[]; requestBody?: { content: Record<string, { schema: Record<string, unknown> }> }; responses: Record<string, unknown>; security?: unknown[] };

/** Issue 8 §5: an OpenAPI 3.1 document generated from the code, listing every route with its access and error answers. */
describe('OpenAPI document', () => {
  const suite = platformSuite();
  let document: { openapi: string; info: { version: string }; paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> } };

  beforeAll(async () => {
    const response = await fetch(`${suite.platform.origin}/api/v1/openapi.json`);
    expect(response.status).toBe(200);
    document = (await response.json()) as typeof document;
  });

  const operationOf = (method: string, path: string): Operation | undefined => document.paths[path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')]?.[method.toLowerCase()];

  it('is OpenAPI 3.1 with this build’s version, bearer security and the error body', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.info.version).toBe('0.1.0');
    expect(document.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(document.components.schemas.Error).toMatchObject({ required: ['error', 'code', 'requestId'] });
  });

  it('lists every route of the route table, with the access the route table declares', () => {
    const routes = routeTable(suite.platform.app);
    expect(routes.length).toBeGreaterThan(100);
    const missing = routes.filter((route) => !operationOf(route.method, route.path)).map((route) => `${route.method} ${route.path}`);
    expect(missing).toEqual([]);
    const disagreeing = routes
      .filter((route) => operationOf(route.method, route.path)!['x-kici-access'] !== describeAccess(route.access))
      .map((route) => `${route.method} ${route.path}`);
    expect(disagreeing).toEqual([]);
    // And nothing the route table does not know.
    const documented = Object.entries(document.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`));
    expect(documented.sort()).toEqual(routes.map((route) => `${route.method} ${route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`).sort());
  });

  it('agrees with the reviewed snapshot of routes and permissions', () => {
    const fromDocument = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, operation]) => `${method.toUpperCase()} ${path.replace(/\{([A-Za-z0-9_]+)\}/g, ':$1')} → ${operation['x-kici-access']}`),
    );
    expect(fromDocument.sort()).toEqual([...EXPECTED].sort());
  });

  it('describes inputs from the validation schemas and the error answers a route can give', () => {
    const create = operationOf('POST', '/api/v1/orgs/:orgId/webhook-endpoints')!;
    expect(create['x-kici-access']).toBe('org webhook_endpoints.write');
    expect(create.security).toEqual([{ bearer: [] }]);
    expect(create.requestBody!.content['application/json']!.schema).toMatchObject({ type: 'object', properties: { url: expect.any(Object), eventTypes: expect.any(Object) } });
    expect(Object.keys(create.responses)).toEqual(expect.arrayContaining(['400', '401', '403', '404', '500']));

    const runs = operationOf('GET', '/api/v1/orgs/:orgId/runs')!;
    expect(runs.parameters.map((parameter) => `${parameter.in}:${parameter.name}`)).toEqual(expect.arrayContaining(['path:orgId', 'query:status', 'query:limit']));

    const health = operationOf('GET', '/health')!;
    expect(health['x-kici-access']).toBe('public');
    expect(health.security).toBeUndefined();
    expect(health.responses['401']).toBeUndefined();
    expect(documentedAccess({ kind: 'org', permission: { resource: 'runs', level: 'write' } })).toBe('org runs.write');
  });
});
