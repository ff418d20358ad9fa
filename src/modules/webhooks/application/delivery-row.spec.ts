import { type DeliveryRow, EVENT_LOG_COLUMNS, mergeReceipts } from './delivery-row.js';

const row = (overrides: Partial<DeliveryRow>): DeliveryRow => ({
  id: 'id',
  orgId: 'org_aaaaaaaaaaaa',
  deliveryId: 'd1',
  routingKey: 'github:1',
  event: 'push',
  action: null,
  status: 'accepted',
  httpStatus: 200,
  relayReason: null,
  routedTo: null,
  attempts: 1,
  payloadHash: 'h',
  payloadSizeBytes: 2,
  contentType: null,
  payload: null,
  requestId: 'r',
  clientIp: null,
  receivedAt: new Date(0),
  completedAt: new Date(0),
  latencyMs: 0,
  receipts: 1,
  ...overrides,
});

describe('mergeReceipts', () => {
  it('leaves distinct deliveries alone, in order', () => {
    const rows = [row({ deliveryId: 'a' }), row({ deliveryId: 'b' }), row({ orgId: 'org_bbbbbbbbbbbb', deliveryId: 'a' })];
    expect(mergeReceipts(rows)).toEqual(rows);
  });

  it('folds receipts of one delivery into the last of them, counting every receipt', () => {
    const merged = mergeReceipts([
      row({ deliveryId: 'x', status: 'unavailable', requestId: 'r1' }),
      row({ deliveryId: 'y' }),
      row({ deliveryId: 'x', status: 'accepted', requestId: 'r2' }),
    ]);
    expect(merged.map((entry) => [entry.deliveryId, entry.status, entry.requestId, entry.receipts])).toEqual([
      ['y', 'accepted', 'r', 1],
      ['x', 'accepted', 'r2', 2],
    ]);
  });
});

describe('EVENT_LOG_COLUMNS', () => {
  it('writes every field of a row exactly once', () => {
    expect(EVENT_LOG_COLUMNS.map((column) => column.field).sort()).toEqual(Object.keys(row({})).sort());
    expect(new Set(EVENT_LOG_COLUMNS.map((column) => column.name)).size).toBe(EVENT_LOG_COLUMNS.length);
  });
});
