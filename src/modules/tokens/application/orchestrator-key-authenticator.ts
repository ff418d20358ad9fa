import { Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { claimedFamily, hashToken, isWellFormedToken } from '../domain/token-format.js';
import { OrchestratorKeyEntity } from '../infrastructure/orchestrator-key.entity.js';
import { LastUsedRecorder } from './last-used-recorder.js';

export interface AuthenticatedOrchestratorKey {
  readonly keyId: string;
  readonly orgId: string;
  readonly routingPatterns: readonly string[];
}

/**
 * Resolves the `kici_ok_` key an orchestrator presents in `auth.request`. Anything else — another token
 * family, a bad checksum — is refused without a database read; an unknown or revoked key gives null.
 */
@Injectable()
export class OrchestratorKeyAuthenticator {
  private readonly usage: LastUsedRecorder<OrchestratorKeyEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.usage = new LastUsedRecorder(dataSource, OrchestratorKeyEntity);
  }

  async authenticate(token: string): Promise<AuthenticatedOrchestratorKey | null> {
    if (claimedFamily(token) !== 'ok' || !isWellFormedToken(token)) return null;
    const key = await this.dataSource.getRepository(OrchestratorKeyEntity).findOne({ where: { tokenHash: hashToken(token), revokedAt: IsNull() } });
    if (!key) return null;
    this.usage.record(key.id);
    return { keyId: key.id, orgId: key.orgId, routingPatterns: key.routingPatterns };
  }
}
