import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { OrgAccess } from './org-access.js';
import type { Principal, UserPrincipal } from './principal.js';
import { DomainError } from '../errors/domain-error.js';

/** Request properties where the route access guard leaves the authenticated caller and their org access. */
export const PRINCIPAL_KEY = 'principal';
export const ORG_ACCESS_KEY = 'orgAccess';

/** The authenticated caller of the current request (routes declared with `@UserRoute()` and stricter). */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<Record<string, unknown>>()[PRINCIPAL_KEY];
  if (!principal) throw new Error('CurrentPrincipal used on a route without authentication');
  return principal as Principal;
});

/** The caller's access to the organization of the current route (routes declared with org access). */
export const CurrentOrgAccess = createParamDecorator((_data: unknown, context: ExecutionContext): OrgAccess => {
  const access = context.switchToHttp().getRequest<Record<string, unknown>>()[ORG_ACCESS_KEY];
  if (!access) throw new Error('CurrentOrgAccess used on a route that is not an organization route');
  return access as OrgAccess;
});

/** The authenticated user of the current request; routes that only people may call (`@UserRoute()`). */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): UserPrincipal => {
  const principal = context.switchToHttp().getRequest<Record<string, unknown>>()[PRINCIPAL_KEY] as Principal | undefined;
  if (!principal) throw new Error('CurrentUser used on a route without authentication');
  if (principal.kind !== 'user') throw new DomainError('AUTH.CREDENTIAL_NOT_ACCEPTED', 'This action is for signed-in users, not API keys');
  return principal;
});
