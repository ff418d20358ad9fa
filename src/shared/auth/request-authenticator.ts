import type { ExecutionContext } from '@nestjs/common';
import type { Principal } from './principal.js';

/**
 * Resolves the caller of an HTTP request from its credentials, or throws a 401 `DomainError`. Provided by
 * the Identity module; the route access guard calls it for every route that is not public.
 */
export interface RequestAuthenticator {
  /** Synchronous when the credential is already known (the common case), else a promise. */
  authenticate(context: ExecutionContext): Principal | Promise<Principal>;
}

export const REQUEST_AUTHENTICATOR = Symbol('REQUEST_AUTHENTICATOR');
