import { SetMetadata } from '@nestjs/common';

export const ROUTE_ACCESS_METADATA = 'kici:route-access';

/** How a route may be reached. Every route declares one; a route without a declaration is refused. */
export type RouteAccess = { readonly kind: 'public' };

/** Marks a route (or a whole controller) as reachable without credentials: probes, metrics, discovery. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(ROUTE_ACCESS_METADATA, { kind: 'public' } satisfies RouteAccess);
