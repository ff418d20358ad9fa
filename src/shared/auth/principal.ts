import type { Actor } from './actor.js';
import type { PermissionMatrix } from './permissions.js';

/** How a caller proved who they are. */
export type CredentialKind = 'oidc' | 'pat' | 'api_key' | 'service_account';

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
  /** The creator's identity-provider subject: orchestrators record it as the key's owner. */
  readonly creatorSubject: string;
  readonly permissions: PermissionMatrix;
}

/** A service account acting through one of its keys (`kici_sa_`), with the roles given to it. */
export interface ServiceAccountPrincipal {
  readonly kind: 'service_account';
  readonly credential: 'service_account';
  readonly serviceAccountId: string;
  readonly keyId: string;
  readonly name: string;
  readonly orgId: string;
}

export type Principal = UserPrincipal | ApiKeyPrincipal | ServiceAccountPrincipal;

export function actorOf(principal: Principal): Actor {
  switch (principal.kind) {
    case 'user':
      return { type: 'user', id: principal.userId, display: principal.email ?? principal.displayName };
    case 'api_key':
      return { type: 'api_key', id: principal.keyId, display: principal.name };
    case 'service_account':
      return { type: 'service_account', id: principal.serviceAccountId, display: principal.name };
  }
}
