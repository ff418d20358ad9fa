import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config.js';
import { uuidv7 } from '../../../shared/ids/uuid-v7.js';
import type { RelayEnvelope } from '../../orchestrator-gateway/index.js';

/** How a receipt ended, as the event log keeps it. */
export interface DeliveryOutcome {
  readonly status: 'accepted' | 'rejected_signature' | 'rejected_unknown_source' | 'rejected_misconfigured' | 'unavailable';
  readonly httpStatus: number;
  readonly reason: string | null;
  readonly routedTo: string | null;
  readonly attempts: number;
}

/**
 * Writes the Platform's `event_log` row of a delivery: one row per (organization, delivery id); a
 * redelivery updates it and counts the receipt. Only the body's SHA-256 and size are kept unless the
 * operator turned payload storage on.
 */
@Injectable()
export class DeliveryLog {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async record(orgId: string, envelope: RelayEnvelope, body: Buffer, receivedAt: Date, outcome: DeliveryOutcome): Promise<void> {
    const completedAt = new Date();
    await this.dataSource.query(
      `INSERT INTO event_log (id, org_id, delivery_id, routing_key, event, action, status, http_status, relay_reason, routed_to, attempts,
                              payload_hash, payload_size_bytes, content_type, payload, request_id, client_ip, received_at, completed_at, latency_ms)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)
       ON CONFLICT (org_id, delivery_id) DO UPDATE SET
         routing_key = excluded.routing_key, event = excluded.event, status = excluded.status, http_status = excluded.http_status,
         relay_reason = excluded.relay_reason, routed_to = excluded.routed_to, attempts = excluded.attempts,
         payload_hash = excluded.payload_hash, payload_size_bytes = excluded.payload_size_bytes, content_type = excluded.content_type,
         payload = excluded.payload, request_id = excluded.request_id, client_ip = excluded.client_ip,
         completed_at = excluded.completed_at, latency_ms = excluded.latency_ms, receipts = event_log.receipts + 1`,
      [
        uuidv7(),
        orgId,
        envelope.deliveryId,
        envelope.routingKey,
        envelope.event,
        envelope.action,
        outcome.status,
        outcome.httpStatus,
        outcome.reason?.slice(0, 2000) ?? null,
        outcome.routedTo,
        outcome.attempts,
        createHash('sha256').update(body).digest('hex'),
        body.length,
        envelope.headers['content-type']?.slice(0, 255) ?? null,
        this.config.inboundWebhooks.storePayloads ? body : null,
        envelope.requestId,
        envelope.clientIp,
        receivedAt,
        completedAt,
        Math.round(completedAt.getTime() - receivedAt.getTime()),
      ],
    );
  }

  /** A duplicate of an accepted delivery: counted, not relayed again. */
  async countDuplicate(orgId: string, deliveryId: string): Promise<void> {
    await this.dataSource.query('UPDATE event_log SET receipts = receipts + 1 WHERE org_id = $1 AND delivery_id = $2', [orgId, deliveryId]);
  }
}
