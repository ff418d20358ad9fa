import { canonicalJson } from '../../../shared/crypto/canonical-json.js';
import { sha256Hex } from '../../../shared/crypto/sha256.js';

/** `prev_hash` of the first row of every chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** Chain of the events that belong to no org. Org ids start with `org_`, so this cannot collide. */
export const PLATFORM_CHAIN = 'platform';

export function chainKeyOf(orgId: string | null): string {
  return orgId ?? PLATFORM_CHAIN;
}

/** The content of an audit row that its hash covers: everything but the hash itself. */
export interface ChainedAuditContent {
  readonly id: string;
  readonly chainKey: string;
  readonly seq: string;
  readonly orgId: string | null;
  readonly occurredAt: Date;
  readonly actorType: string;
  readonly actorId: string;
  readonly actorDisplay: string | null;
  readonly action: string;
  readonly targetType: string;
  readonly targetId: string | null;
  readonly requestId: string | null;
  readonly ip: string | null;
  readonly userAgent: string | null;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly prevHash: string;
}

/** SHA-256 over the canonical JSON of the row content, `prevHash` included, so each row seals its predecessor. */
export function hashAuditRow(row: ChainedAuditContent): string {
  return sha256Hex(
    canonicalJson({
      id: row.id,
      chainKey: row.chainKey,
      seq: row.seq,
      orgId: row.orgId,
      occurredAt: row.occurredAt.toISOString(),
      actorType: row.actorType,
      actorId: row.actorId,
      actorDisplay: row.actorDisplay,
      action: row.action,
      targetType: row.targetType,
      targetId: row.targetId,
      requestId: row.requestId,
      ip: row.ip,
      userAgent: row.userAgent,
      payload: row.payload,
      prevHash: row.prevHash,
    }),
  );
}

/** Where a chain stops being trustworthy, and why. */
export interface ChainBreak {
  readonly id: string;
  readonly seq: string;
  readonly reason: 'hash_mismatch' | 'prev_hash_mismatch' | 'sequence_gap';
}

/**
 * Checks rows of one chain, given in `seq` order, continuing from `previous` (the last row checked, or
 * null at the start). Returns the first break, or null when every row is intact and linked.
 */
export function findChainBreak(
  rows: readonly (ChainedAuditContent & { readonly hash: string })[],
  previous: { readonly seq: string; readonly hash: string } | null,
): ChainBreak | null {
  let expectedSeq = previous ? BigInt(previous.seq) + 1n : 1n;
  let expectedPrev = previous ? previous.hash : GENESIS_HASH;
  for (const row of rows) {
    if (BigInt(row.seq) !== expectedSeq) return { id: row.id, seq: row.seq, reason: 'sequence_gap' };
    if (row.prevHash !== expectedPrev) return { id: row.id, seq: row.seq, reason: 'prev_hash_mismatch' };
    if (hashAuditRow(row) !== row.hash) return { id: row.id, seq: row.seq, reason: 'hash_mismatch' };
    expectedSeq += 1n;
    expectedPrev = row.hash;
  }
  return null;
}
