import { Injectable } from '@nestjs/common';
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

  constructor(private readonly dataSource: DataSource) {
    this.usage = new LastUsedRecorder(dataSource, UserApiKeyEntity);
  }

  async authenticate(token: string): Promise<ApiKeyPrincipal> {
    const key = await this.dataSource.getRepository(UserApiKeyEntity).findOne({ where: { tokenHash: hashToken(token), revokedAt: IsNull() } });
    if (!key) throw new DomainError('AUTH.INVALID_TOKEN', 'Invalid token');
    const [creator] = (await this.dataSource.query('SELECT subject FROM users WHERE id = $1', [key.createdBy])) as { subject: string }[];
    if (!creator) throw new DomainError('AUTH.INVALID_TOKEN', 'Invalid token');
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
