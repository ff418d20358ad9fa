import { Injectable } from '@nestjs/common';
import { AccessCache } from '../../../shared/auth/access-cache.js';
import { DataSource, IsNull } from 'typeorm';
import type { ServiceAccountPrincipal } from '../../../shared/auth/principal.js';
import { DomainError } from '../../../shared/errors/domain-error.js';
import { hashToken } from '../domain/token-format.js';
import { ServiceAccountKeyEntity } from '../infrastructure/service-account-key.entity.js';
import { ServiceAccountEntity } from '../infrastructure/service-account.entity.js';
import { LastUsedRecorder } from './last-used-recorder.js';

/** Resolves a well-formed `kici_sa_` key by hash to its service account. */
@Injectable()
export class ServiceAccountKeyAuthenticator {
  private readonly usage: LastUsedRecorder<ServiceAccountKeyEntity>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly cache: AccessCache,
  ) {
    this.usage = new LastUsedRecorder(dataSource, ServiceAccountKeyEntity);
  }

  /** Notes a use of credential `id` that was answered from a cache of verified credentials. */
  recordUse(id: string): void {
    this.usage.record(id);
  }

  async authenticate(token: string): Promise<ServiceAccountPrincipal> {
    const tokenHash = hashToken(token);
    const found = await this.cache.remember(`sa:${tokenHash}`, async () => {
      const key = await this.dataSource.getRepository(ServiceAccountKeyEntity).findOne({ where: { tokenHash, revokedAt: IsNull() } });
      const account = key ? await this.dataSource.getRepository(ServiceAccountEntity).findOne({ where: { id: key.serviceAccountId } }) : null;
      return key && account ? { key, account } : null;
    });
    if (!found) throw new DomainError('AUTH.INVALID_TOKEN', 'Invalid token');
    const { key, account } = found;
    this.usage.record(key.id);
    return { kind: 'service_account', credential: 'service_account', serviceAccountId: account.id, keyId: key.id, name: account.name, orgId: account.orgId };
  }
}
