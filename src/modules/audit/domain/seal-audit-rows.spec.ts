import { findChainBreak, GENESIS_HASH } from './audit-chain.js';
import { sealAuditRows, type UnsealedAuditContent } from './seal-audit-rows.js';

function unsealed(count: number, from = 1): UnsealedAuditContent[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `00000000-0000-7000-8000-${String(from + i).padStart(12, '0')}`,
    chainKey: 'org_abc',
    orgId: 'org_abc',
    occurredAt: new Date(1_700_000_000_000 + from + i),
    actorType: 'user',
    actorId: 'u1',
    actorDisplay: null,
    action: 'widget.create',
    targetType: 'widget',
    targetId: String(from + i),
    requestId: null,
    ip: null,
    userAgent: null,
    payload: { n: from + i },
  }));
}

const sealed = (rows: UnsealedAuditContent[], seals: ReturnType<typeof sealAuditRows>) => rows.map((row, i) => ({ ...row, ...seals[i]! }));

describe('sealAuditRows', () => {
  it('starts a chain at seq 1 on the genesis hash, in the order given', () => {
    const rows = unsealed(3);
    const seals = sealAuditRows(rows, null);
    expect(seals.map((seal) => [seal.id, seal.seq])).toEqual(rows.map((row, i) => [row.id, String(i + 1)]));
    expect(seals[0]!.prevHash).toBe(GENESIS_HASH);
    expect(findChainBreak(sealed(rows, seals), null)).toBeNull();
  });

  it('continues a chain from its last sealed row, batch after batch', () => {
    const first = unsealed(4);
    const firstSeals = sealAuditRows(first, null);
    const last = firstSeals[3]!;
    const second = unsealed(3, 5);
    const secondSeals = sealAuditRows(second, last);
    expect(secondSeals.map((seal) => seal.seq)).toEqual(['5', '6', '7']);
    expect(secondSeals[0]!.prevHash).toBe(last.hash);
    expect(findChainBreak([...sealed(first, firstSeals), ...sealed(second, secondSeals)], null)).toBeNull();
  });

  it('seals a row that committed late after those sealed before it, whatever its id', () => {
    const [late, ...early] = unsealed(4);
    const earlySeals = sealAuditRows(early, null);
    const lateSeals = sealAuditRows([late!], earlySeals[2]!);
    expect(lateSeals[0]!.seq).toBe('4');
    expect(findChainBreak([...sealed(early, earlySeals), ...sealed([late!], lateSeals)], null)).toBeNull();
  });

  it('covers the content with the hash: a changed row no longer verifies', () => {
    const rows = unsealed(3);
    const chain = sealed(rows, sealAuditRows(rows, null));
    chain[1] = { ...chain[1]!, action: 'widget.delete' };
    expect(findChainBreak(chain, null)).toMatchObject({ seq: '2', reason: 'hash_mismatch' });
  });

  it('seals nothing for no rows', () => {
    expect(sealAuditRows([], { seq: '9', hash: 'a'.repeat(64) })).toEqual([]);
  });
});
