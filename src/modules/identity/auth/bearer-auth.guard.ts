import { hash } from 'node:crypto';
import { type ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AccessCache } from '../../../shared/auth/access-cache.js';
import type { Principal } from '../../../shared/auth/principal.js';
import type { RequestAuthenticator } from '../../../shared/auth/request-authenticator.js';
import { DomainError } from '../../../shared/errors/domain-error.js';
import { claimedFamily } from '../../tokens/index.js';
import { AuthFailureRecorder } from './auth-failure-recorder.js';
import { BearerTokenResolver } from './bearer-token-resolver.js';
import { ConnectionCredentialMemo } from './connection-credential-memo.js';
import { FailedAuthLimiter } from './failed-auth-limiter.js';

const BEARER = /^Bearer +(\S+) *$/i;

/** The access cache keeps tokens by their SHA-256, never as they are (a connection keeps the header it sent: `ConnectionCredentialMemo`). */
const cacheKeyOf = (token: string): string => `bearer:${hash('sha256', token)}`;

/**
 * Authenticates a request through Passport's bearer strategy. Only the `Authorization` header is read
 * (never a token in the query string or body, which would end up in logs). Every failure is a 401 with
 * `WWW-Authenticate: Bearer` (RFC 6750), counted, and audited when the credential was well-formed. A client
 * address that has had too many tokens refused gets 429 before its next token is even looked at.
 *
 * A token Passport accepted is remembered (by its SHA-256) in the access cache with the principal it
 * resolved to, until the credential expires: the next request with it skips Passport and the resolver.
 * The access cache forgets it as soon as any replica commits a change to tokens, keys, members, roles or
 * users, so revocation stays immediate; refused tokens are never remembered and always go the full way.
 * Each keep-alive connection also remembers the header it last authenticated with, next to that cache
 * entry (`ConnectionCredentialMemo`): its next request with the same header skips the hashing too.
 */
@Injectable()
export class BearerAuthGuard extends AuthGuard('bearer') implements RequestAuthenticator {
  private readonly connections = new ConnectionCredentialMemo();

  constructor(
    private readonly failures: AuthFailureRecorder,
    private readonly limiter: FailedAuthLimiter,
    private readonly cache: AccessCache,
    private readonly resolver: BearerTokenResolver,
  ) {
    super();
  }

  authenticate(context: ExecutionContext): Principal | Promise<Principal> {
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: Principal }>();
    const header = request.headers.authorization;
    // A token this replica already accepted, from an address not being throttled: answered synchronously,
    // and on a connection that sent this very header last time, without even hashing the token.
    if (typeof header === 'string' && this.limiter.retryAfterSeconds(request.ip ?? null) === null) {
      const now = Date.now();
      const connection = request.raw.socket;
      const recalled = this.connections.recall(connection, header, now);
      if (recalled && this.resolver.reusableUntil(recalled) > now) return this.reuse(request, recalled);
      const token = BEARER.exec(header)?.[1];
      const kept = token ? this.cache.keptEntry<Principal>(cacheKeyOf(token)) : undefined;
      if (kept && this.resolver.reusableUntil(kept.value) > now) {
        this.connections.remember(connection, header, kept);
        return this.reuse(request, kept.value);
      }
    }
    return this.authenticateFully(context, request, header);
  }

  private reuse(request: FastifyRequest & { user?: Principal }, principal: Principal): Principal {
    this.resolver.recordUse(principal);
    request.user = principal;
    return principal;
  }

  private async authenticateFully(context: ExecutionContext, request: FastifyRequest & { user?: Principal }, header: string | undefined): Promise<Principal> {
    const retryAfterSeconds = this.limiter.retryAfterSeconds(request.ip ?? null);
    if (retryAfterSeconds !== null && typeof header === 'string' && header.trim() !== '') {
      throw new DomainError('HTTP.RATE_LIMITED', 'Too many failed authentications from this address; retry later', { retryAfterSeconds });
    }
    try {
      if (typeof header !== 'string' || header.trim() === '') {
        throw new DomainError('AUTH.UNAUTHENTICATED', 'Authentication required: send Authorization: Bearer <token>');
      }
      const token = BEARER.exec(header)?.[1];
      if (!token) throw new DomainError('AUTH.UNAUTHENTICATED', 'Authorization must use the Bearer scheme');
      let resolved = false;
      const principal = await this.cache.remember(
        cacheKeyOf(token),
        async () => {
          resolved = true;
          await this.canActivate(context);
          return request.user!;
        },
        { until: (found) => this.resolver.reusableUntil(found) },
      );
      if (!resolved) {
        if (this.resolver.reusableUntil(principal) <= Date.now()) {
          throw new DomainError('AUTH.TOKEN_EXPIRED', principal.kind === 'user' && principal.pat ? 'Personal access token has expired' : 'Token has expired');
        }
        this.resolver.recordUse(principal);
        request.user = principal;
      }
      return principal;
    } catch (error) {
      const token = typeof header === 'string' ? BEARER.exec(header)?.[1] : undefined;
      const failure = error instanceof DomainError ? error : new DomainError('AUTH.INVALID_TOKEN', 'Invalid token');
      this.failures.record(failure.code, token ? (claimedFamily(token) ?? 'oidc') : 'none', request.ip ?? null);
      if (token) this.limiter.recordFailure(request.ip ?? null);
      // RFC 6750 §3: no error code when the request carried no credentials at all.
      const challenge = token ? 'Bearer realm="kici", error="invalid_token"' : 'Bearer realm="kici"';
      void context.switchToHttp().getResponse<FastifyReply>().header('www-authenticate', challenge);
      throw failure;
    }
  }

  override handleRequest<TUser = Principal>(error: unknown, user: TUser | false): TUser {
    if (error) throw error;
    if (!user) throw new DomainError('AUTH.INVALID_TOKEN', 'Invalid token');
    return user;
  }
}
