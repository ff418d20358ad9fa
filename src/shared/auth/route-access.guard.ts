import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '../errors/domain-error.js';
import { ROUTE_ACCESS_METADATA, type RouteAccess } from './route-access.js';

/**
 * The global guard that makes access deny-by-default: it reads the route's declaration (method first, then
 * controller) and refuses any HTTP route that has none, so a forgotten decorator fails closed.
 */
@Injectable()
export class RouteAccessGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const access = this.reflector.getAllAndOverride<RouteAccess | undefined>(ROUTE_ACCESS_METADATA, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (access?.kind === 'public') return true;
    throw new DomainError('AUTH.ROUTE_NOT_DECLARED', 'This route declares no access rule and is closed');
  }
}
