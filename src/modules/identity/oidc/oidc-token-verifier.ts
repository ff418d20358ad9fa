import { createPublicKey, type KeyObject } from 'node:crypto';
import { sha256Hex } from '../../../shared/crypto/sha256.js';
import { Inject, Injectable } from '@nestjs/common';
import { decodeProtectedHeader, errors as joseErrors, jwtVerify } from 'jose';
import jwksRsa, { type JwksClient } from 'jwks-rsa';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config.js';
import { DomainError } from '../../../shared/errors/domain-error.js';
import { IssuerResolver } from './issuer-resolver.js';
import { OidcDiscovery } from './oidc-discovery.js';
import { identityFromClaims, type VerifiedIdentity } from './verified-identity.js';

/** Asymmetric algorithms only: `none` and HMAC (whose key would be public JWKS material) are refused. */
const ALLOWED_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];
const CLOCK_TOLERANCE_SECONDS = 60;
const USERINFO_CACHE_MS = 60_000;
const USERINFO_CACHE_LIMIT = 10_000;
/** Verified JWTs are re-verified at least this often (and never past their `exp`). */
const VERIFIED_JWT_CACHE_MS = 15_000;
const VERIFIED_JWT_CACHE_LIMIT = 10_000;
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

const invalid = (message = 'Invalid token'): DomainError => new DomainError('AUTH.INVALID_TOKEN', message);

/**
 * Verifies identity-provider access tokens: JWTs against the issuer's JWKS (signature, `iss`, `exp`, `nbf`,
 * `aud` when configured, algorithm allow-list), opaque tokens through the issuer's UserInfo endpoint with
 * a short cache keyed by the token's hash.
 */
@Injectable()
export class OidcTokenVerifier {
  private jwks: { uri: string; client: JwksClient } | null = null;
  private readonly userInfoCache = new Map<string, { identity: VerifiedIdentity; until: number }>();
  /** A token that verified once is the same bytes next time: its signature need not be checked again until it expires. */
  private readonly verifiedJwts = new Map<string, { identity: VerifiedIdentity; until: number }>();
  /** Parsed public keys by PEM: parsing one costs more than the signature check it serves. */
  private readonly publicKeys = new Map<string, KeyObject>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly issuers: IssuerResolver,
    private readonly discovery: OidcDiscovery,
  ) {}

  async verify(token: string): Promise<VerifiedIdentity> {
    return (await this.verifyUntil(token)).identity;
  }

  /** The identity, and until when this verdict may be reused (the token's expiry, or sooner). */
  async verifyUntil(token: string): Promise<{ identity: VerifiedIdentity; until: number }> {
    const issuer = this.issuers.issuer();
    if (!JWT_SHAPE.test(token)) return this.verifyOpaque(token, issuer);
    const key = `${issuer} ${sha256Hex(token)}`;
    const cached = this.verifiedJwts.get(key);
    if (cached && cached.until > Date.now()) return cached;
    const { identity, expiresAt } = await this.verifyJwt(token, issuer);
    const verdict = { identity, until: Math.min(Date.now() + VERIFIED_JWT_CACHE_MS, expiresAt) };
    this.verifiedJwts.delete(key);
    this.verifiedJwts.set(key, verdict);
    if (this.verifiedJwts.size > VERIFIED_JWT_CACHE_LIMIT) this.verifiedJwts.delete(this.verifiedJwts.keys().next().value!);
    return verdict;
  }

  private publicKey(pem: string): KeyObject {
    let key = this.publicKeys.get(pem);
    if (!key) {
      key = createPublicKey(pem);
      this.publicKeys.set(pem, key);
      if (this.publicKeys.size > 100) this.publicKeys.delete(this.publicKeys.keys().next().value!);
    }
    return key;
  }

  private async verifyJwt(token: string, issuer: string): Promise<{ identity: VerifiedIdentity; expiresAt: number }> {
    let algorithm: string | undefined;
    let keyId: string | undefined;
    try {
      ({ alg: algorithm, kid: keyId } = decodeProtectedHeader(token));
    } catch {
      throw invalid();
    }
    if (!algorithm || !ALLOWED_ALGORITHMS.includes(algorithm)) throw invalid('Token signing algorithm is not accepted');
    const client = await this.jwksClient(issuer);
    let publicKeyPem: string;
    try {
      publicKeyPem = (await client.getSigningKey(keyId)).getPublicKey();
    } catch {
      throw invalid('Token is not signed by a key of the identity provider');
    }
    try {
      const { payload } = await jwtVerify(token, this.publicKey(publicKeyPem), {
        issuer,
        audience: this.config.oidc.audiences.length > 0 ? [...this.config.oidc.audiences] : undefined,
        algorithms: ALLOWED_ALGORITHMS,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      });
      const identity = identityFromClaims(issuer, payload);
      if (!identity) throw invalid('Token has no subject');
      return { identity, expiresAt: typeof payload.exp === 'number' ? payload.exp * 1000 : Date.now() };
    } catch (error) {
      if (error instanceof DomainError) throw error;
      if (error instanceof joseErrors.JWTExpired) throw new DomainError('AUTH.TOKEN_EXPIRED', 'Token has expired');
      throw invalid();
    }
  }

  private async verifyOpaque(token: string, issuer: string): Promise<{ identity: VerifiedIdentity; until: number }> {
    const key = sha256Hex(token);
    const cached = this.userInfoCache.get(key);
    if (cached && cached.until > Date.now()) return cached;

    const { userinfo_endpoint: endpoint } = await this.discovery.document(issuer);
    if (!endpoint) throw invalid();
    const response = await fetch(endpoint, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(5000) }).catch(() => null);
    if (!response?.ok) throw invalid();
    const identity = identityFromClaims(issuer, (await response.json().catch(() => ({}))) as Record<string, unknown>);
    if (!identity) throw invalid();
    if (this.userInfoCache.size >= USERINFO_CACHE_LIMIT) this.userInfoCache.clear();
    const verdict = { identity, until: Date.now() + USERINFO_CACHE_MS };
    this.userInfoCache.set(key, verdict);
    return verdict;
  }

  /** jwks-rsa caches keys for the configured TTL and refetches (rate-limited) when a `kid` is unknown. */
  private async jwksClient(issuer: string): Promise<JwksClient> {
    const { jwks_uri: uri } = await this.discovery.document(issuer);
    if (this.jwks?.uri !== uri) {
      this.jwks = {
        uri,
        client: jwksRsa({ jwksUri: uri, cache: true, cacheMaxAge: this.config.oidc.jwksCacheTtlMs, rateLimit: true, jwksRequestsPerMinute: 10, timeout: 5000 }),
      };
    }
    return this.jwks.client;
  }
}
