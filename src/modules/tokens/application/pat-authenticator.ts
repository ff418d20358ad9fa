import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { PatCredential } from '../../../shared/auth/principal.js';
import { DomainError } from '../../../shared/errors/domain-error.js';
import { hashToken } from '../domain/token-format.js';
import { PersonalAccessTokenEntity } from '../infrastructure/personal-access-token.entity.js';

/** Coalesce `last_used_at` writes: at most one per token per interval, however busy the token. */
const LAST_USED_WRITE_INTERVAL_MS = 60_000;

export interface AuthenticatedPat {
  readonly userId: string;
  readonly credential: PatCredential;
}

/**
 * Resolves a well-formed `kici_pat_` token (the caller has checked its checksum) by the SHA-256 of the whole
 * token. Reads the row on every request, so a revocation or expiry takes effect on the next request on
 * every replica.
 */
@Injectable()
export class PatAuthenticator {
  private readonly lastUsedWrites = new Map<string, number>();

  constructor(private readonly dataSource: DataSource) {}

  async authenticate(token: string): Promise<AuthenticatedPat> {
    const pat = await this.dataSource.getRepository(PersonalAccessTokenEntity).findOne({ where: { tokenHash: hashToken(token) } });
    if (!pat) throw new DomainError('AUTH.INVALID_TOKEN', 'Invalid token');
    if (pat.revokedAt) throw new DomainError('AUTH.INVALID_TOKEN', 'Personal access token has been revoked');
    if (pat.expiresAt.getTime() <= Date.now()) throw new DomainError('AUTH.TOKEN_EXPIRED', 'Personal access token has expired');
    this.recordUse(pat.id);
    return { userId: pat.userId, credential: { id: pat.id, kind: pat.kind, agentLabel: pat.agentLabel, scopes: pat.scopes } };
  }

  /** Not audited and not awaited: usage time is informational and must never slow a request down. */
  private recordUse(patId: string): void {
    const now = Date.now();
    if (now - (this.lastUsedWrites.get(patId) ?? 0) < LAST_USED_WRITE_INTERVAL_MS) return;
    this.lastUsedWrites.set(patId, now);
    if (this.lastUsedWrites.size > 100_000) this.lastUsedWrites.clear();
    void this.dataSource
      .getRepository(PersonalAccessTokenEntity)
      .update({ id: patId }, { lastUsedAt: new Date(now) })
      .catch(() => this.lastUsedWrites.delete(patId));
  }
}
