import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Principal } from './principal.js';

/** Request property where the route access guard leaves the authenticated caller. */
export const PRINCIPAL_KEY = 'principal';

/** The authenticated caller of the current request (routes declared with `@UserRoute()` and stricter). */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<Record<string, unknown>>()[PRINCIPAL_KEY];
  if (!principal) throw new Error('CurrentPrincipal used on a route without authentication');
  return principal as Principal;
});
