import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuditRecord } from '../../../shared/cqrs/auditable.js';
import { sendWithCommit } from '../../../shared/database/send-with-commit.js';
import type { EventMetadata } from '../../../shared/cqrs/domain-event.js';
import { uuidv7 } from '../../../shared/ids/uuid-v7.js';
import { chainKeyOf } from '../domain/audit-chain.js';

function clip(value: string | null, max: number): string | null {
  return value === null ? null : value.slice(0, max);
}

/** Prepared once per connection, as the pool's client prepares every parameterized statement. */
const APPEND = `INSERT INTO audit_events (id, org_id, chain_key, occurred_at, actor_type, actor_id, actor_display, action, target_type, target_id, request_id, ip, user_agent, payload)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`;

/** Writes audit rows; the only code that inserts into `audit_events`. */
@Injectable()
export class AuditLogRepository {
  /**
   * Inserts one row, unsealed, inside the caller's transaction: it commits or rolls back with the change
   * it records. It takes no lock and reads nothing, so concurrent writers of one org never wait for each
   * other here; `AuditChainSealer` gives the row its `seq` and hashes after commit. Resolves to the row's id.
   *
   * The statement is queued on the transaction's connection before this returns, so whatever the caller
   * sends next on it (the COMMIT included) is ordered after it even if this is not awaited.
   */
  append(manager: EntityManager, metadata: EventMetadata, record: AuditRecord): Promise<string> {
    const id = uuidv7();
    const values = [
      id,
      metadata.orgId,
      chainKeyOf(metadata.orgId),
      metadata.occurredAt,
      metadata.actor.type,
      clip(metadata.actor.id, 255),
      clip(metadata.actor.display, 320),
      record.action.slice(0, 100),
      record.targetType.slice(0, 64),
      clip(record.targetId, 255),
      clip(metadata.requestId, 128),
      clip(metadata.ip, 64),
      clip(metadata.userAgent, 512),
      JSON.stringify(record.payload),
    ];
    return sendWithCommit(manager, APPEND, values).then(() => id);
  }
}
