import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '../errors/domain-error.js';
import { PRINCIPAL_KEY } from './current-principal.decorator.js';
import { REQUEST_AUTHENTICATOR, type RequestAuthenticator } from './request-authenticator.js';
import { ROUTE_ACCESS_METADATA, type RouteAccess } from './route-access.js';

/**
 * The global guard that makes access deny-by-default: it reads the route's declaration (method first, then
 * controller), refuses any HTTP route that has none, authenticates the caller of every non-public route
 * and checks the credential kind the route accepts.
 */
@Injectable()
export class RouteAccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(REQUEST_AUTHENTICATOR) private readonly authenticator: RequestAuthenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const access = this.reflector.getAllAndOverride<RouteAccess | undefined>(ROUTE_ACCESS_METADATA, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!access) throw new DomainError('AUTH.ROUTE_NOT_DECLARED', 'This route declares no access rule and is closed');
    if (access.kind === 'public') return true;

    const principal = await this.authenticator.authenticate(context);
    if (!access.credentials.includes(principal.credential)) {
      throw new DomainError('AUTH.CREDENTIAL_NOT_ACCEPTED', `This route does not accept ${principal.credential.toUpperCase()} credentials`);
    }
    context.switchToHttp().getRequest<Record<string, unknown>>()[PRINCIPAL_KEY] = principal;
    return true;
  }
}
