import type { ActivityRow } from './activity-row.js';
import { mergeActivity } from './merge-activity.js';

const at = (minute: number): string => new Date(Date.UTC(2026, 10, 28, 12, minute)).toISOString();
const auditRow = (n: number, minute: number) => ({ id: `a${n}`, source: 'audit_log', createdAt: at(minute) }) as unknown as ActivityRow;
const positionOf = (n: number, minute: number) => ({ at: at(minute), id: `a${n}` });
const accessRow = (id: string, minute: number) => ({ id, source: 'access_log', createdAt: at(minute) }) as unknown as ActivityRow;
const START = { audit: { before: null }, access: { cursor: null, skip: 0 } };

describe('mergeActivity', () => {
  it('interleaves both halves newest first and remembers where each stopped', () => {
    const { rows, next } = mergeActivity({
      limit: 3,
      position: START,
      audit: { rows: [auditRow(9, 50), auditRow(8, 30), auditRow(7, 10)], hasMore: true },
      access: { rows: [accessRow('x1', 40), accessRow('x2', 20), accessRow('x3', 5)], cursor: null, skip: 0, nextCursor: 'p2' },
      accessUnavailable: false,
    });
    expect(rows.map((row) => row.id)).toEqual(['a9', 'x1', 'a8']);
    expect(next).toEqual({ audit: { before: positionOf(8, 30) }, access: { cursor: null, skip: 1 } });
  });

  it('stops short instead of letting older rows jump ahead of an unread page', () => {
    const { rows, next } = mergeActivity({
      limit: 5,
      position: START,
      audit: { rows: [auditRow(3, 50), auditRow(2, 10)], hasMore: false },
      access: { rows: [accessRow('x1', 40)], cursor: 'p1', skip: 2, nextCursor: 'p2' },
      accessUnavailable: false,
    });
    expect(rows.map((row) => row.id)).toEqual(['a3', 'x1']);
    expect(next).toEqual({ audit: { before: positionOf(3, 50) }, access: { cursor: 'p2', skip: 0 } });
  });

  it('ends the cursor when both halves are exhausted', () => {
    const { rows, next } = mergeActivity({
      limit: 10,
      position: START,
      audit: { rows: [auditRow(1, 1)], hasMore: false },
      access: { rows: [accessRow('x1', 2)], cursor: null, skip: 0, nextCursor: null },
      accessUnavailable: false,
    });
    expect(rows.map((row) => row.id)).toEqual(['x1', 'a1']);
    expect(next).toBeNull();
  });

  it('keeps an unavailable half’s place but does not page on it alone', () => {
    const position = { audit: { before: positionOf(5, 10) }, access: { cursor: 'p3', skip: 4 } };
    const more = mergeActivity({ limit: 1, position, audit: { rows: [auditRow(4, 9), auditRow(3, 8)], hasMore: false }, access: null, accessUnavailable: true });
    expect(more.next).toEqual({ audit: { before: positionOf(4, 9) }, access: { cursor: 'p3', skip: 4 } });
    const last = mergeActivity({ limit: 5, position, audit: { rows: [auditRow(4, 9)], hasMore: false }, access: null, accessUnavailable: true });
    expect(last.next).toBeNull();
  });

  it('reads one half alone when the other is out of scope', () => {
    const { rows, next } = mergeActivity({
      limit: 2,
      position: START,
      audit: null,
      access: { rows: [accessRow('x1', 3), accessRow('x2', 2), accessRow('x3', 1)], cursor: null, skip: 0, nextCursor: null },
      accessUnavailable: false,
    });
    expect(rows.map((row) => row.id)).toEqual(['x1', 'x2']);
    expect(next).toEqual({ audit: null, access: { cursor: null, skip: 2 } });
  });
});
