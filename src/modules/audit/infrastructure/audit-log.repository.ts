import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import type { AuditRecord } from '../../../shared/cqrs/auditable.js';
import type { EventMetadata } from '../../../shared/cqrs/domain-event.js';
import { uuidv7 } from '../../../shared/ids/uuid-v7.js';
import { type ChainedAuditContent, chainKeyOf, GENESIS_HASH, hashAuditRow } from '../domain/audit-chain.js';
import { AuditEventEntity } from './audit-event.entity.js';

/** Namespace of the advisory locks that serialise appends per chain (first key of the two-key form). */
const AUDIT_CHAIN_LOCK_NAMESPACE = 0x4b1c1a0d;

function clip(value: string | null, max: number): string | null {
  return value === null ? null : value.slice(0, max);
}

/** Writes audit rows; the only code that inserts into `audit_events`. */
@Injectable()
export class AuditLogRepository {
  /**
   * Appends one row to its chain inside the caller's transaction. A transaction-scoped advisory lock on
   * the chain makes concurrent appends to one org wait for each other until commit, so every row links
   * to the row committed before it and the chain never forks; other orgs are not held up.
   */
  async append(manager: EntityManager, metadata: EventMetadata, record: AuditRecord): Promise<AuditEventEntity> {
    const chainKey = chainKeyOf(metadata.orgId);
    await manager.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [AUDIT_CHAIN_LOCK_NAMESPACE, chainKey]);
    const [last] = (await manager.query('SELECT seq, hash FROM audit_events WHERE chain_key = $1 ORDER BY seq DESC LIMIT 1', [
      chainKey,
    ])) as { seq: string; hash: string }[];

    const content: ChainedAuditContent = {
      id: uuidv7(),
      chainKey,
      seq: last ? (BigInt(last.seq) + 1n).toString() : '1',
      orgId: metadata.orgId,
      occurredAt: metadata.occurredAt,
      actorType: metadata.actor.type,
      actorId: clip(metadata.actor.id, 255)!,
      actorDisplay: clip(metadata.actor.display, 320),
      action: record.action.slice(0, 100),
      targetType: record.targetType.slice(0, 64),
      targetId: clip(record.targetId, 255),
      requestId: clip(metadata.requestId, 128),
      ip: clip(metadata.ip, 64),
      userAgent: clip(metadata.userAgent, 512),
      // Hash what jsonb will give back: a JSON round trip drops undefined members and functions.
      payload: JSON.parse(JSON.stringify(record.payload)) as Record<string, unknown>,
      prevHash: last ? last.hash : GENESIS_HASH,
    };
    const row = manager.create(AuditEventEntity, { ...content, hash: hashAuditRow(content) });
    await manager.insert(AuditEventEntity, row as QueryDeepPartialEntity<AuditEventEntity>);
    return row;
  }
}
