import { Injectable } from '@nestjs/common';
import { AccessCache } from '../../../shared/auth/access-cache.js';
import { DataSource, IsNull } from 'typeorm';
import type { ApiKeyPrincipal } from '../../../shared/auth/principal.js';
import { DomainError } from '../../../shared/errors/domain-error.js';
import { hashToken } from '../domain/token-format.js';
import { UserApiKeyEntity } from '../infrastructure/user-api-key.entity.js';
import { LastUsedRecorder } from './last-used-recorder.js';

/**
 * Resolves a well-formed `kici_sk_` key by hash to its principal. What it may do is decided per request
 * by the organization context (its matrix bounded by its creator's current permissions).
 */
@Injectable()
export class ApiKeyAuthenticator {
  private readonly usage: LastUsedRecorder<UserApiKeyEntity>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly cache: AccessCache,
  ) {
    this.usage = new LastUsedRecorder(dataSource, UserApiKeyEntity);
  }

  /** Notes a use of credential `id` that was answered from a cache of verified credentials. */
  recordUse(id: string): void {
    this.usage.record(id);
  }

  async authenticate(token: string): Promise<ApiKeyPrincipal> {
    const tokenHash = hashToken(token);
    const found = await this.cache.remember(`sk:${tokenHash}`, async () => {
      const key = await this.dataSource.getRepository(UserApiKeyEntity).findOne({ where: { tokenHash, revokedAt: IsNull() } });
      const [creator] = key ? ((await this.dataSource.query('SELECT subject FROM users WHERE id = $1', [key.createdBy])) as { subject: string }[]) : [];
      return key && creator ? { key, creator } : null;
    });
    if (!found) throw new DomainError('AUTH.INVALID_TOKEN', 'Invalid token');
    const { key, creator } = found;
    this.usage.record(key.id);
    return {
      kind: 'api_key',
      credential: 'api_key',
      keyId: key.id,
      name: key.name,
      orgId: key.orgId,
      creatorUserId: key.createdBy,
      creatorSubject: creator.subject,
      permissions: key.permissions,
    };
  }
}
