import { type ChainedAuditContent, GENESIS_HASH, hashAuditRow } from './audit-chain.js';

/** A committed audit row waiting for its place in the chain: everything its hash will cover but the link. */
export type UnsealedAuditContent = Omit<ChainedAuditContent, 'seq' | 'prevHash'>;

/** The chain fields a sealed row receives. */
export interface AuditRowSeal {
  readonly id: string;
  readonly seq: string;
  readonly prevHash: string;
  readonly hash: string;
}

/**
 * Links `rows`, in the order given, onto the end of their chain: `last` is the chain's last sealed row, or
 * null for a chain with none yet. The rows must be the content exactly as stored, so that the verifier,
 * reading it back the same way, computes the same hashes.
 */
export function sealAuditRows(rows: readonly UnsealedAuditContent[], last: { readonly seq: string; readonly hash: string } | null): AuditRowSeal[] {
  let seq = last ? BigInt(last.seq) : 0n;
  let prevHash = last ? last.hash : GENESIS_HASH;
  return rows.map((row) => {
    seq += 1n;
    const hash = hashAuditRow({ ...row, seq: seq.toString(), prevHash });
    const seal = { id: row.id, seq: seq.toString(), prevHash, hash };
    prevHash = hash;
    return seal;
  });
}
