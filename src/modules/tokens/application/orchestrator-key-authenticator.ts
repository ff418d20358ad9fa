import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessCache } from '../../../shared/auth/access-cache.js';
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
 * The row is kept in the access cache like other credentials (a revocation empties it on every replica
 * before it is answered): a replica restart brings thousands of orchestrators back, often HA siblings
 * sharing a key.
 */
@Injectable()
export class OrchestratorKeyAuthenticator {
  private readonly usage: LastUsedRecorder<OrchestratorKeyEntity>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly cache: AccessCache,
  ) {
    this.usage = new LastUsedRecorder(dataSource, OrchestratorKeyEntity);
  }

  async authenticate(token: string): Promise<AuthenticatedOrchestratorKey | null> {
    if (claimedFamily(token) !== 'ok' || !isWellFormedToken(token)) return null;
    const tokenHash = hashToken(token);
    const key = await this.cache.remember(`ok:${tokenHash}`, () => this.dataSource.getRepository(OrchestratorKeyEntity).findOne({ where: { tokenHash } }));
    if (!key || key.revokedAt) return null;
    this.usage.record(key.id);
    return { keyId: key.id, orgId: key.orgId, routingPatterns: key.routingPatterns };
  }
}
