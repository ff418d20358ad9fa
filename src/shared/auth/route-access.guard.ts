import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '../errors/domain-error.js';
import { ORG_ACCESS_KEY, PRINCIPAL_KEY } from './current-principal.decorator.js';
import { ORG_ACCESS_RESOLVER, type OrgAccess, type OrgAccessResolver } from './org-access.js';
import { levelRank } from './permissions.js';
import type { Principal } from './principal.js';
import { REQUEST_AUTHENTICATOR, type RequestAuthenticator } from './request-authenticator.js';
import { ROUTE_ACCESS_METADATA, type RouteAccess } from './route-access.js';

type GuardedRequest = Record<string | symbol, unknown> & { params?: Record<string, string> };

/**
 * The global guard that makes access deny-by-default: it reads the route's declaration (method first, then
 * controller), refuses any HTTP route that has none, authenticates the caller of every non-public route,
 * checks the credential kind a user route accepts, and for organization routes resolves the caller's
 * access to `:orgId` and checks the route's permission.
 */
@Injectable()
export class RouteAccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(REQUEST_AUTHENTICATOR) private readonly authenticator: RequestAuthenticator,
    @Inject(ORG_ACCESS_RESOLVER) private readonly orgs: OrgAccessResolver,
  ) {}

  /**
   * Synchronous whenever the credential and the organization access are cached, as they are for all but a
   * caller's first request: Nest awaits only a guard that returns a promise.
   */
  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const access = this.reflector.getAllAndOverride<RouteAccess | undefined>(ROUTE_ACCESS_METADATA, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!access) throw new DomainError('AUTH.ROUTE_NOT_DECLARED', 'This route declares no access rule and is closed');
    if (access.kind === 'public') return true;

    const request = context.switchToHttp().getRequest<GuardedRequest>();
    const principal = this.authenticator.authenticate(context);
    return principal instanceof Promise ? principal.then((known) => this.authorize(access, request, known)) : this.authorize(access, request, principal);
  }

  private authorize(access: Exclude<RouteAccess, { kind: 'public' }>, request: GuardedRequest, principal: Principal): boolean | Promise<boolean> {
    if (access.kind === 'user' && (principal.kind !== 'user' || !access.credentials.includes(principal.credential))) {
      throw new DomainError('AUTH.CREDENTIAL_NOT_ACCEPTED', `This route does not accept ${principal.credential.toUpperCase()} credentials`);
    }
    request[PRINCIPAL_KEY] = principal;
    if (access.kind !== 'org') return true;
    const orgAccess = this.orgs.resolve(request.params?.orgId ?? '', principal);
    return orgAccess instanceof Promise ? orgAccess.then((resolved) => this.permit(access, request, resolved)) : this.permit(access, request, orgAccess);
  }

  private permit(access: Extract<RouteAccess, { kind: 'org' }>, request: GuardedRequest, orgAccess: OrgAccess): boolean {
    const needed = access.permission;
    if (needed && levelRank(orgAccess.permissions[needed.resource]) < levelRank(needed.level)) {
      throw new DomainError('RBAC.FORBIDDEN', `Insufficient permission: ${needed.resource}.${needed.level} needed`);
    }
    const alternatives = access.anyOf ?? [];
    if (alternatives.length > 0 && !alternatives.some((option) => levelRank(orgAccess.permissions[option.resource]) >= levelRank(option.level))) {
      const names = alternatives.map((option) => `${option.resource}.${option.level}`).join(' or ');
      throw new DomainError('RBAC.FORBIDDEN', `Insufficient permission: ${names} needed`);
    }
    request[ORG_ACCESS_KEY] = orgAccess;
    return true;
  }
}
