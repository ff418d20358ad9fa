import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** A delivery as the Platform saw it: routing facts, never the body. */
export interface PlatformDelivery {
  readonly deliveryId: string;
  readonly routingKey: string;
  readonly event: string;
  readonly status: string;
  readonly httpStatus: number;
  readonly reason: string | null;
  readonly routedTo: string | null;
  readonly attempts: number;
  readonly receipts: number;
  readonly payloadHash: string;
  readonly payloadSizeBytes: number;
  readonly contentType: string | null;
  readonly requestId: string;
  readonly clientIp: string | null;
  readonly receivedAt: string;
  readonly completedAt: string;
  readonly latencyMs: number;
}

export interface DeliveryFilter {
  readonly routingKey?: string;
  readonly event?: string;
  readonly deliveryId?: string;
  readonly platformStatus?: string;
  readonly from?: string;
  readonly to?: string;
}

/** Keyset position in the newest-first list: the last row a page ended on. */
export interface DeliveryPosition {
  readonly receivedAt: string;
  readonly id: string;
}

const COLUMNS = `delivery_id AS "deliveryId", routing_key AS "routingKey", event, status, http_status AS "httpStatus", relay_reason AS reason,
  routed_to AS "routedTo", attempts, receipts, payload_hash AS "payloadHash", payload_size_bytes AS "payloadSizeBytes", content_type AS "contentType",
  request_id AS "requestId", client_ip AS "clientIp", to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "receivedAt",
  to_char(completed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "completedAt", latency_ms AS "latencyMs"`;

/** Reads the Platform's `event_log` for one organization (the caller's, always). */
@Injectable()
export class DeliveryLogReader {
  constructor(private readonly dataSource: DataSource) {}

  async page(orgId: string, filter: DeliveryFilter, limit: number, after: DeliveryPosition | null): Promise<{ rows: PlatformDelivery[]; next: DeliveryPosition | null }> {
    const where = ['org_id = $1'];
    const values: unknown[] = [orgId];
    const add = (clause: string, value: unknown): void => {
      values.push(value);
      where.push(clause.replace('?', `$${values.length}`));
    };
    if (filter.routingKey) add('routing_key = ?', filter.routingKey);
    if (filter.event) add('event = ?', filter.event);
    if (filter.platformStatus) add('status = ?', filter.platformStatus);
    // A substring search of the id, with LIKE's own characters taken literally.
    if (filter.deliveryId) add(`delivery_id LIKE ? ESCAPE '\\'`, `%${filter.deliveryId.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    if (filter.from) add('received_at >= ?', filter.from);
    if (filter.to) add('received_at <= ?', filter.to);
    if (after) {
      values.push(after.receivedAt, after.id);
      where.push(`(received_at, id) < ($${values.length - 1}::timestamptz, $${values.length}::uuid)`);
    }
    values.push(limit + 1);
    const rows = (await this.dataSource.query(
      `SELECT id, ${COLUMNS} FROM event_log WHERE ${where.join(' AND ')} ORDER BY received_at DESC, id DESC LIMIT $${values.length}`,
      values,
    )) as (PlatformDelivery & { id: string })[];
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return { rows: page.map(withoutId), next: rows.length > limit && last ? { receivedAt: last.receivedAt, id: last.id } : null };
  }

  async byDeliveryIds(orgId: string, deliveryIds: readonly string[]): Promise<Map<string, PlatformDelivery>> {
    if (deliveryIds.length === 0) return new Map();
    const rows = (await this.dataSource.query(`SELECT ${COLUMNS} FROM event_log WHERE org_id = $1 AND delivery_id = ANY($2)`, [orgId, deliveryIds])) as PlatformDelivery[];
    return new Map(rows.map((row) => [row.deliveryId, row]));
  }
}

function withoutId({ id: _id, ...row }: PlatformDelivery & { id: string }): PlatformDelivery {
  return row;
}
