import type { INestApplication } from '@nestjs/common';
import { describeAccess } from '../../src/observability/openapi/openapi-document.js';
import { type CataloguedRoute, routeCatalogue } from '../../src/observability/openapi/route-catalogue.js';

/** A route as the tests see it: method, path (without a base path) and access declaration. */
export type RouteEntry = Pick<CataloguedRoute, 'method' | 'path' | 'access'>;

/**
 * Every HTTP route the application's controllers declare, with its access declaration (method over
 * controller) — read by the same catalogue the OpenAPI document is built from.
 */
export function routeTable(app: INestApplication): RouteEntry[] {
  return routeCatalogue(app, '').map(({ method, path, access }) => ({ method, path, access }));
}

/** One line per route: `GET /api/v1/orgs/:orgId → org runs.write`. */
export { describeAccess };
