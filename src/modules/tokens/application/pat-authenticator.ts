import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessCache } from '../../../shared/auth/access-cache.js';
import type { PatCredential } from '../../../shared/auth/principal.js';
import { DomainError } from '../../../shared/errors/domain-error.js';
import { hashToken } from '../domain/token-format.js';
import { PersonalAccessTokenEntity } from '../infrastructure/personal-access-token.entity.js';
import { LastUsedRecorder } from './last-used-recorder.js';

export interface AuthenticatedPat {
  readonly userId: string;
  readonly expiresAt: Date;
  readonly credential: PatCredential;
}

/**
 * Resolves a well-formed `kici_pat_` token (the caller has checked its checksum) by the SHA-256 of the whole
 * token. The row is kept in the access cache, which a revocation empties on every replica before the
 * revoking request is answered here (and within a NOTIFY elsewhere); expiry is checked on every request.
 */
@Injectable()
export class PatAuthenticator {
  private readonly usage: LastUsedRecorder<PersonalAccessTokenEntity>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly cache: AccessCache,
  ) {
    this.usage = new LastUsedRecorder(dataSource, PersonalAccessTokenEntity);
  }

  /** Notes a use of credential `id` that was answered from a cache of verified credentials. */
  recordUse(id: string): void {
    this.usage.record(id);
  }

  async authenticate(token: string): Promise<AuthenticatedPat> {
    const tokenHash = hashToken(token);
    const pat = await this.cache.remember(`pat:${tokenHash}`, () => this.dataSource.getRepository(PersonalAccessTokenEntity).findOne({ where: { tokenHash } }));
    if (!pat) throw new DomainError('AUTH.INVALID_TOKEN', 'Invalid token');
    if (pat.revokedAt) throw new DomainError('AUTH.INVALID_TOKEN', 'Personal access token has been revoked');
    if (pat.expiresAt.getTime() <= Date.now()) throw new DomainError('AUTH.TOKEN_EXPIRED', 'Personal access token has expired');
    this.usage.record(pat.id);
    return { userId: pat.userId, expiresAt: pat.expiresAt, credential: { id: pat.id, kind: pat.kind, agentLabel: pat.agentLabel, scopes: pat.scopes } };
  }
}
