import { z } from 'zod';

/** Raw bytes per `webhook.relay.chunk` (orchestrator-protocol §2.6 recommends 64 KiB, ≈ 85 KiB of base64). */
export const RELAY_CHUNK_BYTES = 64 * 1024;

/** The orchestrator's answer to a chunked relay; `messageId` is the correlation key. */
export const webhookAckSchema = z.object({
  type: z.literal('webhook.ack'),
  messageId: z.string().min(1).max(128),
  deliveryId: z.string().max(512).optional(),
  result: z.enum(['accepted', 'rejected_signature', 'rejected_unknown_source', 'rejected_misconfigured']).optional(),
  reason: z.string().max(2000).nullable().optional(),
});

export type WebhookAck = z.infer<typeof webhookAckSchema>;
export type WebhookAckResult = NonNullable<WebhookAck['result']>;

/** What the Platform knows about a delivery besides its bytes: the `webhook.relay.start` fields but the per-attempt ones. */
export interface RelayEnvelope {
  readonly routingKey: string;
  readonly deliveryId: string;
  readonly event: string;
  readonly action: string | null;
  readonly signatureHeaderName: string | null;
  readonly signatureHeader: string | null;
  readonly clientIp: string | null;
  readonly headers: Readonly<Record<string, string>>;
  readonly requestId: string;
}

/**
 * `webhook.relay.start` followed by its chunks (at least one, even for an empty body), in order, each a
 * serialized text frame. A chunk is written straight into its buffer: running the body's base64 through
 * `JSON.stringify` and back into UTF-8 bytes copied and scanned a 25 MiB body twice more for nothing (base64
 * never needs escaping).
 */
export function* relayFrames(messageId: string, envelope: RelayEnvelope, body: Buffer): Generator<string | Buffer> {
  const chunkCount = Math.max(1, Math.ceil(body.length / RELAY_CHUNK_BYTES));
  yield JSON.stringify({ type: 'webhook.relay.start', messageId, ...envelope, totalSize: body.length, chunkCount });
  const head = `{"type":"webhook.relay.chunk","messageId":${JSON.stringify(messageId)},"sequence":`;
  for (let sequence = 0; sequence < chunkCount; sequence++) {
    const data = body.subarray(sequence * RELAY_CHUNK_BYTES, (sequence + 1) * RELAY_CHUNK_BYTES).toString('base64');
    yield jsonBytes(`${head}${sequence},"data":"`, data, `","final":${sequence === chunkCount - 1}}`);
  }
}

/** `before` + `data` + `after` as UTF-8 bytes; `data` must be ASCII (base64 is). */
function jsonBytes(before: string, data: string, after: string): Buffer {
  const beforeBytes = Buffer.byteLength(before);
  const frame = Buffer.allocUnsafe(beforeBytes + data.length + Buffer.byteLength(after));
  frame.write(before, 0);
  frame.write(data, beforeBytes, 'latin1');
  frame.write(after, beforeBytes + data.length);
  return frame;
}
