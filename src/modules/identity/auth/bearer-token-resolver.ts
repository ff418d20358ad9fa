import { Injectable } from '@nestjs/common';
import type { Principal } from '../../../shared/auth/principal.js';
import { DomainError } from '../../../shared/errors/domain-error.js';
import { ApiKeyAuthenticator, claimedFamily, isWellFormedToken, PatAuthenticator, ServiceAccountKeyAuthenticator } from '../../tokens/index.js';
import { UserDirectory } from '../application/user-directory.js';
import { OidcTokenVerifier } from '../oidc/oidc-token-verifier.js';

/** Longer bearer values are refused before any parsing or I/O. */
export const MAX_BEARER_LENGTH = 8192;

/**
 * Turns a bearer token into a principal, routing on its prefix (cli-contract §4, platform-domain §2.3):
 * `kici_pat_` → personal access token; `kici_sk_` → user API key; `kici_ok_` → refused (orchestrator
 * keys are for `/ws`); `kici_sa_` → service-account key; anything else → identity-provider token. A `kici_` token whose
 * shape or checksum is wrong is refused without a database read.
 */
@Injectable()
export class BearerTokenResolver {
  constructor(
    private readonly pats: PatAuthenticator,
    private readonly apiKeys: ApiKeyAuthenticator,
    private readonly serviceAccountKeys: ServiceAccountKeyAuthenticator,
    private readonly oidc: OidcTokenVerifier,
    private readonly users: UserDirectory,
  ) {}

  /** Until when each principal resolved here may be reused without resolving its token again. */
  private readonly validUntil = new WeakMap<Principal, number>();

  async resolve(token: string): Promise<Principal> {
    if (token.length === 0 || token.length > MAX_BEARER_LENGTH || !/^[\x21-\x7e]+$/.test(token)) {
      throw new DomainError('AUTH.MALFORMED_TOKEN', 'Invalid token');
    }
    const family = claimedFamily(token);
    if (family === 'ok') throw new DomainError('AUTH.ORCHESTRATOR_KEY_ON_HTTP', 'Orchestrator keys authenticate only on /ws');
    if (family !== null && !isWellFormedToken(token)) throw new DomainError('AUTH.MALFORMED_TOKEN', 'Invalid token');

    switch (family) {
      case 'pat':
        return this.fromPat(token);
      case 'sk':
        return this.apiKeys.authenticate(token);
      case 'sa':
        return this.serviceAccountKeys.authenticate(token);
      case null:
        return this.fromIdentityProvider(token);
    }
  }

  private async fromPat(token: string): Promise<Principal> {
    const { userId, credential, expiresAt } = await this.pats.authenticate(token);
    const user = await this.users.byId(userId);
    if (!user) throw new DomainError('AUTH.INVALID_TOKEN', 'Invalid token');
    const principal: Principal = { kind: 'user', credential: 'pat', userId: user.id, issuer: user.issuer, subject: user.subject, email: user.email, emailVerified: user.emailVerified, displayName: user.displayName, pat: credential };
    this.validUntil.set(principal, expiresAt.getTime());
    return principal;
  }

  private async fromIdentityProvider(token: string): Promise<Principal> {
    const { identity, until } = await this.oidc.verifyUntil(token);
    const user = await this.users.signIn(identity);
    const principal: Principal = { kind: 'user', credential: 'oidc', userId: user.id, issuer: user.issuer, subject: user.subject, email: user.email, emailVerified: user.emailVerified, displayName: user.displayName, pat: null };
    this.validUntil.set(principal, until);
    return principal;
  }

  /**
   * Until when `principal` (as this resolver returned it) may be reused for the same token: its PAT's or
   * identity-provider token's expiry; keys have none (revocation reaches caches by notification).
   */
  reusableUntil(principal: Principal): number {
    return this.validUntil.get(principal) ?? Infinity;
  }

  /** Records a use of the credential behind `principal` when it was answered without resolving the token. */
  recordUse(principal: Principal): void {
    switch (principal.kind) {
      case 'user':
        if (principal.pat) this.pats.recordUse(principal.pat.id);
        this.users.recordSeen(principal.userId);
        return;
      case 'api_key':
        return this.apiKeys.recordUse(principal.keyId);
      case 'service_account':
        return this.serviceAccountKeys.recordUse(principal.keyId);
    }
  }
}
