/** One `event_log` row as the delivery log writes it. */
export interface DeliveryRow {
  readonly id: string;
  readonly orgId: string;
  readonly deliveryId: string;
  readonly routingKey: string;
  readonly event: string;
  readonly action: string | null;
  readonly status: string;
  readonly httpStatus: number;
  readonly relayReason: string | null;
  readonly routedTo: string | null;
  readonly attempts: number;
  readonly payloadHash: string;
  readonly payloadSizeBytes: number;
  readonly contentType: string | null;
  readonly payload: Buffer | null;
  readonly requestId: string;
  readonly clientIp: string | null;
  readonly receivedAt: Date;
  readonly completedAt: Date;
  readonly latencyMs: number;
  /** Receipts this row stands for: 1, or more when several receipts of one delivery id share a statement. */
  readonly receipts: number;
}

/** The columns written, in statement order, with the row field each takes and its PostgreSQL type. */
export const EVENT_LOG_COLUMNS: readonly { readonly name: string; readonly field: keyof DeliveryRow; readonly type: string }[] = [
  { name: 'id', field: 'id', type: 'uuid' },
  { name: 'org_id', field: 'orgId', type: 'varchar' },
  { name: 'delivery_id', field: 'deliveryId', type: 'varchar' },
  { name: 'routing_key', field: 'routingKey', type: 'varchar' },
  { name: 'event', field: 'event', type: 'varchar' },
  { name: 'action', field: 'action', type: 'varchar' },
  { name: 'status', field: 'status', type: 'varchar' },
  { name: 'http_status', field: 'httpStatus', type: 'smallint' },
  { name: 'relay_reason', field: 'relayReason', type: 'varchar' },
  { name: 'routed_to', field: 'routedTo', type: 'uuid' },
  { name: 'attempts', field: 'attempts', type: 'smallint' },
  { name: 'payload_hash', field: 'payloadHash', type: 'char(64)' },
  { name: 'payload_size_bytes', field: 'payloadSizeBytes', type: 'integer' },
  { name: 'content_type', field: 'contentType', type: 'varchar' },
  { name: 'payload', field: 'payload', type: 'bytea' },
  { name: 'request_id', field: 'requestId', type: 'varchar' },
  { name: 'client_ip', field: 'clientIp', type: 'varchar' },
  { name: 'received_at', field: 'receivedAt', type: 'timestamptz' },
  { name: 'completed_at', field: 'completedAt', type: 'timestamptz' },
  { name: 'latency_ms', field: 'latencyMs', type: 'integer' },
  { name: 'receipts', field: 'receipts', type: 'integer' },
];

/**
 * One row per (organization, delivery id): PostgreSQL refuses an upsert that touches the same row twice in
 * one statement. Receipts of the same delivery that share a batch become the last of them (as the last
 * of separate upserts would have left it), counting them all.
 */
export function mergeReceipts(rows: readonly DeliveryRow[]): DeliveryRow[] {
  const byDelivery = new Map<string, DeliveryRow>();
  for (const row of rows) {
    const key = `${row.orgId} ${row.deliveryId}`;
    const earlier = byDelivery.get(key);
    // Re-inserted, so the merged row takes the later receipt's place in the statement.
    byDelivery.delete(key);
    byDelivery.set(key, earlier ? { ...row, receipts: earlier.receipts + row.receipts } : row);
  }
  return [...byDelivery.values()];
}
