import { SetMetadata } from '@nestjs/common';
import type { Level, Resource } from './permissions.js';
import type { CredentialKind } from './principal.js';

export const ROUTE_ACCESS_METADATA = 'kici:route-access';

/** How a route may be reached. Every route declares one; a route without a declaration is refused. */
export type RouteAccess =
  | { readonly kind: 'public' }
  /** Any signed-in user; `credentials` narrows which kinds of credential are accepted. */
  | { readonly kind: 'user'; readonly credentials: readonly Extract<CredentialKind, 'oidc' | 'pat'>[] }
  /**
   * An organization route (`/api/v1/orgs/:orgId/...`): the caller must be an active member of `:orgId`,
   * and hold `permission` when one is given.
   */
  | {
      readonly kind: 'org';
      readonly permission: { readonly resource: Resource; readonly level: Level } | null;
      /** Alternatives: any one of them suffices (platform-domain §3.4 `requireAnyPermission`). */
      readonly anyOf?: readonly { readonly resource: Resource; readonly level: Level }[];
    };

/** Marks a route (or a whole controller) as reachable without credentials: probes, metrics, discovery. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(ROUTE_ACCESS_METADATA, { kind: 'public' } satisfies RouteAccess);

/**
 * Marks a user-scoped route (not under an org): any authenticated user, or only the credential kinds
 * listed (`exchange-token` takes identity-provider tokens only).
 */
export const UserRoute = (credentials: readonly ('oidc' | 'pat')[] = ['oidc', 'pat']): MethodDecorator & ClassDecorator =>
  SetMetadata(ROUTE_ACCESS_METADATA, { kind: 'user', credentials } satisfies RouteAccess);

/** An organization route any active member may call. */
export const OrgMemberRoute = (): MethodDecorator & ClassDecorator =>
  SetMetadata(ROUTE_ACCESS_METADATA, { kind: 'org', permission: null } satisfies RouteAccess);

/** An organization route that needs at least `level` on `resource` (403 "Insufficient permission: …" otherwise). */
export const RequirePermission = (resource: Resource, level: Level): MethodDecorator & ClassDecorator =>
  SetMetadata(ROUTE_ACCESS_METADATA, { kind: 'org', permission: { resource, level } } satisfies RouteAccess);

/** An organization route that needs at least one of the given permissions (OR). */
export const RequireAnyPermission = (...anyOf: { resource: Resource; level: Level }[]): MethodDecorator & ClassDecorator =>
  SetMetadata(ROUTE_ACCESS_METADATA, { kind: 'org', permission: null, anyOf } satisfies RouteAccess);
