import { activityCursor, START } from './activity-query.schema.js';
import { auditCursor } from './audit-query.schema.js';

const row = { occurredAt: '2026-11-28T12:34:56.789Z', id: '0199a3b4-5c6d-7e8f-9a0b-1c2d3e4f5a6b' };
const encoded = (value: unknown): string => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

describe('audit page cursors', () => {
  it('carry the last row position: time and id, so rows of one instant page by id', () => {
    expect(auditCursor.decode(auditCursor.encode(row))).toEqual({ occurredAt: new Date(row.occurredAt), id: row.id });
  });

  it('start from the newest row on anything malformed, including the older seq cursors', () => {
    for (const cursor of ['%%%', encoded({ seq: '5' }), encoded({ at: 'yesterday', id: row.id }), encoded({ at: row.occurredAt, id: 'x' }), encoded({ at: row.occurredAt, id: row.id, extra: 1 })]) {
      expect(auditCursor.decode(cursor)).toBeUndefined();
    }
  });

  it('keep the audit half of an Activity cursor in the same shape, and start over on the older seq one', () => {
    const position = { audit: { before: { at: row.occurredAt, id: row.id } }, access: { cursor: 'p2', skip: 3 } };
    expect(activityCursor.decode(activityCursor.encode(position))).toEqual(position);
    expect(activityCursor.decode(encoded({ audit: { beforeSeq: '5' }, access: null }))).toEqual(START);
  });
});
