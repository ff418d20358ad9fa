import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config.js';
import { arrayLiteral } from '../../../shared/database/array-literal.js';
import { PLANNED_EACH_TIME } from '../../../shared/database/planned-each-time.js';
import { StatementBatcher } from '../../../shared/database/statement-batcher.js';
import { uuidv7 } from '../../../shared/ids/uuid-v7.js';
import type { RelayEnvelope } from '../../orchestrator-gateway/index.js';
import { type DeliveryRow, EVENT_LOG_COLUMNS, mergeReceipts } from './delivery-row.js';

/** How a receipt ended, as the event log keeps it. */
export interface DeliveryOutcome {
  readonly status: 'accepted' | 'rejected_signature' | 'rejected_unknown_source' | 'rejected_misconfigured' | 'unavailable';
  readonly httpStatus: number;
  readonly reason: string | null;
  readonly routedTo: string | null;
  readonly attempts: number;
}

/** An earlier receipt of the same delivery id, as the event log has it. */
export interface PreviousReceipt {
  readonly status: string;
  readonly requestId: string;
}

interface ReceiptKey {
  readonly orgId: string;
  readonly deliveryId: string;
}

const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));

const MAX_ROWS_PER_STATEMENT = 1000;
/** With payload storage on, bodies of up to 25 MiB ride in the rows: a statement stays within a few MiB (one big body goes alone). */
const MAX_PAYLOAD_BYTES_PER_STATEMENT = 8 * 1024 * 1024;
/**
 * One statement at a time (per kind): while it commits, the next deliveries' rows gather for the one after,
 * so the busier the relay, the more rows a WAL flush carries.
 */
const STATEMENTS_IN_FLIGHT = 1;
/**
 * A write waits a millisecond for company before it starts: a statement costs PostgreSQL (on the same
 * cores) and the driver far more than a row does, and a provider waiting on its answer does not notice
 * 1 ms. Lookups do not wait: they stand between the provider and the relay, and cost no WAL flush.
 */
const WRITE_LINGER_MS = 1;
/**
 * Rows nobody waits for (see `record`) wait longer for company: at a few thousand deliveries a second a
 * statement then carries dozens of rows, and costs PostgreSQL and the driver half as much a row.
 */
const BEHIND_LINGER_MS = 10;

/**
 * One array parameter per column, whatever the number of rows: the statement text never changes, and
 * PostgreSQL plans it in a fraction of what a VALUES list of 21 parameters a row costs (a third of the
 * time of a 100-row statement went to planning one).
 */
const UPSERT = `INSERT INTO event_log (${EVENT_LOG_COLUMNS.map((column) => column.name).join(', ')})
SELECT * FROM unnest(${EVENT_LOG_COLUMNS.map((column, index) => `$${index + 1}::${column.type}[]`).join(', ')})
ON CONFLICT (org_id, delivery_id) DO UPDATE SET
  routing_key = excluded.routing_key, event = excluded.event, status = excluded.status, http_status = excluded.http_status,
  relay_reason = excluded.relay_reason, routed_to = excluded.routed_to, attempts = excluded.attempts,
  payload_hash = excluded.payload_hash, payload_size_bytes = excluded.payload_size_bytes, content_type = excluded.content_type,
  payload = excluded.payload, request_id = excluded.request_id, client_ip = excluded.client_ip,
  completed_at = excluded.completed_at, latency_ms = excluded.latency_ms, receipts = event_log.receipts + excluded.receipts`;

/**
 * The Platform's `event_log` rows of deliveries: one row per (organization, delivery id); a redelivery
 * updates it and counts the receipt. Only the body's SHA-256 and size are kept unless the operator turned
 * payload storage on.
 *
 * Rows are written by group commit: concurrent deliveries each await their own row, and the rows that
 * arrive while a statement commits go together in the next one, so a burst pays one round trip and one WAL
 * flush instead of one per delivery. The earlier-receipt lookups are batched the same way.
 */
@Injectable()
export class DeliveryLog implements OnApplicationShutdown {
  private readonly logger = new Logger('InboundWebhooks');
  private readonly writes = this.rowWriter(WRITE_LINGER_MS);
  private readonly writesBehind = this.rowWriter(BEHIND_LINGER_MS);
  private readonly lookups = new StatementBatcher<ReceiptKey, PreviousReceipt | null>((keys) => this.lookUp(keys), { maxBatch: MAX_ROWS_PER_STATEMENT, maxInFlight: STATEMENTS_IN_FLIGHT });

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Resolves once the row is committed. A row written `behind` (one no later request depends on) waits
   * longer for company in its statement, and is committed at shutdown if still waiting.
   */
  async record(orgId: string, envelope: RelayEnvelope, body: Buffer, payloadHash: string, receivedAt: Date, outcome: DeliveryOutcome, { behind = false } = {}): Promise<void> {
    const completedAt = new Date();
    const failure = await (behind ? this.writesBehind : this.writes).submit({
      id: uuidv7(),
      orgId,
      deliveryId: envelope.deliveryId,
      routingKey: envelope.routingKey,
      event: envelope.event,
      action: envelope.action,
      status: outcome.status,
      httpStatus: outcome.httpStatus,
      relayReason: outcome.reason?.slice(0, 2000) ?? null,
      routedTo: outcome.routedTo,
      attempts: outcome.attempts,
      payloadHash,
      payloadSizeBytes: body.length,
      contentType: envelope.headers['content-type']?.slice(0, 255) ?? null,
      payload: this.config.inboundWebhooks.storePayloads ? body : null,
      requestId: envelope.requestId,
      clientIp: envelope.clientIp,
      receivedAt,
      completedAt,
      latencyMs: Math.round(completedAt.getTime() - receivedAt.getTime()),
      receipts: 1,
    });
    if (failure) throw failure;
  }

  /** Called once the HTTP server has answered its last request: the rows nobody waited for are committed before the connections close. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.writes.settle(), this.writesBehind.settle()]);
  }

  /** The earlier receipt of this delivery id in the organization, if any. */
  previous(orgId: string, deliveryId: string): Promise<PreviousReceipt | null> {
    return this.lookups.submit({ orgId, deliveryId });
  }

  /** A duplicate of an accepted delivery: counted, not relayed again. */
  async countDuplicate(orgId: string, deliveryId: string): Promise<void> {
    await this.dataSource.query('UPDATE event_log SET receipts = receipts + 1 WHERE org_id = $1 AND delivery_id = $2', [orgId, deliveryId]);
  }

  private rowWriter(lingerMs: number): StatementBatcher<DeliveryRow, Error | null> {
    return new StatementBatcher<DeliveryRow, Error | null>((rows) => this.write(rows), {
      maxBatch: MAX_ROWS_PER_STATEMENT,
      maxInFlight: STATEMENTS_IN_FLIGHT,
      maxBytes: MAX_PAYLOAD_BYTES_PER_STATEMENT,
      bytesOf: (row) => row.payload?.length ?? 0,
      lingerMs,
    });
  }

  /** One statement for the batch; should it fail, each row again on its own, so one bad row costs only its own. */
  private async write(rows: readonly DeliveryRow[]): Promise<(Error | null)[]> {
    try {
      await this.upsert(mergeReceipts(rows));
      return rows.map(() => null);
    } catch (error) {
      if (rows.length === 1) return [asError(error)];
      this.logger.warn(`A batch of ${rows.length} event-log rows failed (${asError(error).message}); writing them one by one`);
      // In order, so receipts of the same delivery id land as they would have one by one.
      const results: (Error | null)[] = [];
      for (const row of rows) results.push(await this.upsert([row]).then(() => null, asError));
      return results;
    }
  }

  private async upsert(rows: readonly DeliveryRow[]): Promise<void> {
    await this.dataSource.query(UPSERT, EVENT_LOG_COLUMNS.map((column) => arrayLiteral(rows.map((row) => row[column.field]))));
  }

  private async lookUp(keys: readonly ReceiptKey[]): Promise<(PreviousReceipt | null)[]> {
    // Planned each time: the table grows from empty, and a plan kept from then scans all of it.
    const rows = (await this.dataSource.query(
      `${PLANNED_EACH_TIME}SELECT e.org_id AS "orgId", e.delivery_id AS "deliveryId", e.status, e.request_id AS "requestId"
         FROM event_log e JOIN unnest($1::varchar[], $2::varchar[]) AS k(org_id, delivery_id) ON e.org_id = k.org_id AND e.delivery_id = k.delivery_id`,
      [keys.map((key) => key.orgId), keys.map((key) => key.deliveryId)],
    )) as (ReceiptKey & PreviousReceipt)[];
    const found = new Map(rows.map((row) => [`${row.orgId} ${row.deliveryId}`, { status: row.status, requestId: row.requestId }]));
    return keys.map((key) => found.get(`${key.orgId} ${key.deliveryId}`) ?? null);
  }
}
