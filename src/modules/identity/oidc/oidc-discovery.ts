import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config.js';
import { DomainError } from '../../../shared/errors/domain-error.js';

export interface DiscoveryDocument {
  readonly issuer: string;
  readonly jwks_uri: string;
  readonly userinfo_endpoint?: string;
}

const FETCH_TIMEOUT_MS = 5000;

/** The issuer's `/.well-known/openid-configuration`, fetched once and kept for the JWKS cache lifetime. */
@Injectable()
export class OidcDiscovery {
  private cached: { issuer: string; document: Promise<DiscoveryDocument>; at: number } | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  document(issuer: string): Promise<DiscoveryDocument> {
    const fresh = this.cached && this.cached.issuer === issuer && Date.now() - this.cached.at < this.config.oidc.jwksCacheTtlMs;
    if (!fresh) {
      const document = this.fetchDocument(issuer);
      this.cached = { issuer, document, at: Date.now() };
      document.catch(() => {
        this.cached = null;
      });
    }
    return this.cached!.document;
  }

  private async fetchDocument(issuer: string): Promise<DiscoveryDocument> {
    const response = await fetch(`${issuer}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) }).catch(() => null);
    if (!response?.ok) throw new DomainError('AUTH.INVALID_TOKEN', 'Identity provider is unreachable; cannot verify the token');
    const document = (await response.json()) as Partial<DiscoveryDocument>;
    if (typeof document.jwks_uri !== 'string') throw new DomainError('AUTH.INVALID_TOKEN', 'Identity provider publishes no keys');
    return document as DiscoveryDocument;
  }
}
