import { type ChainedAuditContent, findChainBreak, GENESIS_HASH, hashAuditRow } from './audit-chain.js';

function chain(length: number): (ChainedAuditContent & { hash: string })[] {
  const rows: (ChainedAuditContent & { hash: string })[] = [];
  let prevHash = GENESIS_HASH;
  for (let i = 1; i <= length; i += 1) {
    const content: ChainedAuditContent = {
      id: `00000000-0000-7000-8000-00000000000${i}`,
      chainKey: 'org_abc',
      seq: String(i),
      orgId: 'org_abc',
      occurredAt: new Date(1_700_000_000_000 + i),
      actorType: 'user',
      actorId: 'u1',
      actorDisplay: 'Ada',
      action: 'widget.create',
      targetType: 'widget',
      targetId: String(i),
      requestId: null,
      ip: '127.0.0.1',
      userAgent: null,
      payload: { n: i, nested: { b: 2, a: 1 } },
      prevHash,
    };
    const hash = hashAuditRow(content);
    rows.push({ ...content, hash });
    prevHash = hash;
  }
  return rows;
}

describe('audit chain', () => {
  it('accepts an intact chain', () => {
    expect(findChainBreak(chain(5), null)).toBeNull();
  });

  it('does not depend on payload key order', () => {
    const [row] = chain(1);
    expect(hashAuditRow({ ...row!, payload: { nested: { a: 1, b: 2 }, n: 1 } })).toBe(row!.hash);
  });

  it('points at a row whose content changed', () => {
    const rows = chain(5);
    rows[2] = { ...rows[2]!, payload: { n: 99 } };
    expect(findChainBreak(rows, null)).toEqual({ id: rows[2]!.id, seq: '3', reason: 'hash_mismatch' });
  });

  it('points at the row after a removed one', () => {
    const rows = chain(5);
    rows.splice(1, 1);
    expect(findChainBreak(rows, null)).toMatchObject({ seq: '3', reason: 'sequence_gap' });
  });

  it('detects a row re-hashed after tampering through its successor', () => {
    const rows = chain(4);
    const forged = { ...rows[1]!, actorId: 'mallory' };
    rows[1] = { ...forged, hash: hashAuditRow(forged) };
    expect(findChainBreak(rows, null)).toMatchObject({ seq: '3', reason: 'prev_hash_mismatch' });
  });

  it('continues from a previous batch', () => {
    const rows = chain(6);
    expect(findChainBreak(rows.slice(3), { seq: rows[2]!.seq, hash: rows[2]!.hash })).toBeNull();
    expect(findChainBreak(rows.slice(3), { seq: rows[2]!.seq, hash: GENESIS_HASH })).toMatchObject({ reason: 'prev_hash_mismatch' });
  });
});
