import type { Actor } from './actor.js';
import type { PermissionMatrix } from './permissions.js';

/** How a caller proved who they are. */
export type CredentialKind = 'oidc' | 'pat' | 'api_key';

/** The personal access token a request came with, when it came with one. */
export interface PatCredential {
  readonly id: string;
  readonly kind: 'user' | 'agent';
  readonly agentLabel: string | null;
  /** Cap on the user's permissions; null = none. */
  readonly scopes: PermissionMatrix | null;
}

/**
 * The authenticated caller of a request, resolved once by the bearer authenticator and attached to the
 * request. Handlers receive it through `@CurrentPrincipal()` and pass `actorOf(principal)` on in commands.
 */
export interface UserPrincipal {
  readonly kind: 'user';
  readonly credential: 'oidc' | 'pat';
  readonly userId: string;
  readonly issuer: string;
  readonly subject: string;
  readonly email: string | null;
  readonly emailVerified: boolean;
  readonly displayName: string | null;
  readonly pat: PatCredential | null;
}

/**
 * A user API key (`kici_sk_`): belongs to one organization, acts with its own permission matrix bounded,
 * on every request, by what its creator may currently do there.
 */
export interface ApiKeyPrincipal {
  readonly kind: 'api_key';
  readonly credential: 'api_key';
  readonly keyId: string;
  readonly name: string;
  readonly orgId: string;
  readonly creatorUserId: string;
  readonly permissions: PermissionMatrix;
}

export type Principal = UserPrincipal | ApiKeyPrincipal;

export function actorOf(principal: Principal): Actor {
  return principal.kind === 'user'
    ? { type: 'user', id: principal.userId, display: principal.email ?? principal.displayName }
    : { type: 'api_key', id: principal.keyId, display: principal.name };
}
