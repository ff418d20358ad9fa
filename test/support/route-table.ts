import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { RequestMethod, type INestApplication } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { ROUTE_ACCESS_METADATA, type RouteAccess } from '../../src/shared/auth/route-access.js';

export interface RouteEntry {
  readonly method: string;
  readonly path: string;
  readonly access: RouteAccess | undefined;
}

const join = (...parts: string[]): string => `/${parts.flatMap((part) => part.split('/')).filter(Boolean).join('/')}`;

/** Every HTTP route the application's controllers declare, with its access declaration (method over controller). */
export function routeTable(app: INestApplication): RouteEntry[] {
  const scanner = new MetadataScanner();
  const entries: RouteEntry[] = [];
  for (const wrapper of app.get(DiscoveryService).getControllers()) {
    const controller = wrapper.metatype as (new (...args: never[]) => object) | undefined;
    if (!controller || !wrapper.instance) continue;
    const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
    const prototype = Object.getPrototypeOf(wrapper.instance) as Record<string, unknown>;
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[name] as object;
      const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
      if (path === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
      const access = (Reflect.getMetadata(ROUTE_ACCESS_METADATA, handler) ?? Reflect.getMetadata(ROUTE_ACCESS_METADATA, controller)) as RouteAccess | undefined;
      entries.push({ method: method!, path: join(base, path), access });
    }
  }
  return entries.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}

/** One line per route: `GET /api/v1/orgs/:orgId → org runs.write`. */
export function describeAccess(access: RouteAccess | undefined): string {
  if (!access) return 'UNDECLARED';
  switch (access.kind) {
    case 'public':
      return 'public';
    case 'user':
      return `user ${access.credentials.join('|')}`;
    case 'org':
      if (access.anyOf?.length) return `org ${access.anyOf.map((option) => `${option.resource}.${option.level}`).join('|')}`;
      return access.permission ? `org ${access.permission.resource}.${access.permission.level}` : 'org member';
  }
}
