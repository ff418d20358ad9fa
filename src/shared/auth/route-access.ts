import { SetMetadata } from '@nestjs/common';
import type { CredentialKind } from './principal.js';

export const ROUTE_ACCESS_METADATA = 'kici:route-access';

/** How a route may be reached. Every route declares one; a route without a declaration is refused. */
export type RouteAccess =
  | { readonly kind: 'public' }
  /** Any signed-in user; `credentials` narrows which kinds of credential are accepted. */
  | { readonly kind: 'user'; readonly credentials: readonly CredentialKind[] };

/** Marks a route (or a whole controller) as reachable without credentials: probes, metrics, discovery. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(ROUTE_ACCESS_METADATA, { kind: 'public' } satisfies RouteAccess);

/**
 * Marks a user-scoped route (not under an org): any authenticated user, or only the credential kinds
 * listed (`exchange-token` takes identity-provider tokens only).
 */
export const UserRoute = (credentials: readonly CredentialKind[] = ['oidc', 'pat']): MethodDecorator & ClassDecorator =>
  SetMetadata(ROUTE_ACCESS_METADATA, { kind: 'user', credentials } satisfies RouteAccess);
