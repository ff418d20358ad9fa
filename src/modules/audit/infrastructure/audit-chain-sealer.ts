import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { entityColumns } from '../../../shared/database/entity-columns.js';
import { sealAuditRows } from '../domain/seal-audit-rows.js';
import { AuditEventEntity } from './audit-event.entity.js';

/** Namespace of the advisory locks that serialise sealing per chain (first key of the two-key form). */
export const AUDIT_CHAIN_LOCK_NAMESPACE = 0x4b1c1a0d;
/** Rows sealed per transaction: a long backlog (after an outage) never becomes one long transaction. */
export const SEAL_BATCH_SIZE = 500;

/**
 * Gives committed audit rows their place in their chain. Under a transaction-scoped advisory lock on the
 * chain (so replicas sealing the same chain take turns), it reads the chain's last sealed row and the
 * committed unsealed rows oldest id first, and writes their `seq`, `prev_hash` and `hash` in one statement.
 * A row that commits late, after younger rows were sealed, is sealed in a later batch after them: the chain
 * order is the sealing order, so the chain never forks or skips.
 */
@Injectable()
export class AuditChainSealer {
  constructor(private readonly dataSource: DataSource) {}

  /** Seals every row of `chainKey` committed before the call, a batch per transaction; returns how many. */
  async sealChain(chainKey: string): Promise<number> {
    let sealed = 0;
    for (;;) {
      const batch = await this.dataSource.transaction((manager) => this.sealBatch(manager, chainKey));
      sealed += batch;
      if (batch < SEAL_BATCH_SIZE) return sealed;
    }
  }

  /** Chains that have committed rows waiting to be sealed. */
  async chainsAwaitingSeal(manager: EntityManager = this.dataSource.manager): Promise<string[]> {
    const rows = (await manager.query('SELECT DISTINCT chain_key FROM audit_events WHERE seq IS NULL')) as { chain_key: string }[];
    return rows.map((row) => row.chain_key);
  }

  private async sealBatch(manager: EntityManager, chainKey: string): Promise<number> {
    await manager.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [AUDIT_CHAIN_LOCK_NAMESPACE, chainKey]);
    const [last] = (await manager.query('SELECT seq, hash FROM audit_events WHERE chain_key = $1 AND seq IS NOT NULL ORDER BY seq DESC LIMIT 1', [chainKey])) as {
      seq: string;
      hash: string;
    }[];
    // Read as the entity's columns, exactly as the verifier reads sealed rows, so both hash identical values.
    const rows = (await manager.query(
      `SELECT ${entityColumns(manager, AuditEventEntity)} FROM audit_events WHERE chain_key = $1 AND seq IS NULL ORDER BY id LIMIT ${SEAL_BATCH_SIZE}`,
      [chainKey],
    )) as AuditEventEntity[];
    if (rows.length === 0) return 0;

    const seals = sealAuditRows(rows, last ?? null);
    const [, updated] = (await manager.query(
      `UPDATE audit_events AS e SET seq = s.seq, prev_hash = s.prev_hash, hash = s.hash
         FROM unnest($1::uuid[], $2::bigint[], $3::text[], $4::text[]) AS s(id, seq, prev_hash, hash)
        WHERE e.id = s.id AND e.seq IS NULL`,
      [seals.map((seal) => seal.id), seals.map((seal) => seal.seq), seals.map((seal) => seal.prevHash), seals.map((seal) => seal.hash)],
    )) as [unknown, number];
    // Only a sealer holding the lock writes these columns; anything else means the batch is wrong: roll back.
    if (updated !== seals.length) throw new Error(`sealed ${updated} of ${seals.length} audit rows of chain ${chainKey}; rolled back`);
    return seals.length;
  }
}
