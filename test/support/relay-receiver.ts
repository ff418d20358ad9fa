import { createHash } from 'node:crypto';
import type { Frame, SimulatedOrchestrator } from './simulated-orchestrator.js';

/** One relay as the orchestrator reassembled it. */
export interface ReceivedRelay {
  readonly start: Frame;
  readonly body: Buffer;
  readonly sha256: string;
  readonly chunks: number;
}

/** What the orchestrator answers a completed relay with; null = stay silent (a stuck orchestrator). */
export type RelayDecision = { result: string; reason?: string | null } | null;

/**
 * The orchestrator half of the chunked webhook relay, written from orchestrator-protocol §2.6: it
 * reassembles `webhook.relay.start` + `webhook.relay.chunk` frames, enforcing the orchestrator's own rules
 * (strict sequence, `final` only on the last chunk, assembled length = `totalSize`), and acks with whatever
 * `decide` says. A broken stream is acked `rejected_misconfigured`, as the real orchestrator does.
 */
export function receiveRelays(orch: SimulatedOrchestrator, decide: (relay: ReceivedRelay) => RelayDecision = () => ({ result: 'accepted' })): ReceivedRelay[] {
  const received: ReceivedRelay[] = [];
  const streams = new Map<string, { start: Frame; parts: Buffer[]; next: number }>();
  const ack = (messageId: string, deliveryId: string, decision: RelayDecision): void => {
    if (decision) orch.send({ type: 'webhook.ack', messageId, deliveryId, result: decision.result, reason: decision.reason ?? null });
  };
  orch.socket.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as Frame;
    if (frame.type === 'webhook.relay.start') {
      streams.set(String(frame.messageId), { start: frame, parts: [], next: 0 });
      return;
    }
    if (frame.type !== 'webhook.relay.chunk') return;
    const messageId = String(frame.messageId);
    const stream = streams.get(messageId);
    const broken = (reason: string): void => {
      streams.delete(messageId);
      ack(messageId, messageId, { result: 'rejected_misconfigured', reason });
    };
    if (!stream) return broken('no in-flight buffer');
    if (frame.sequence !== stream.next) return broken(`out-of-order chunk: expected ${stream.next}, got ${String(frame.sequence)}`);
    stream.parts.push(Buffer.from(String(frame.data), 'base64'));
    stream.next++;
    const complete = stream.next === stream.start.chunkCount;
    if (Boolean(frame.final) !== complete) return broken('final flag does not match chunkCount');
    if (!complete) return;
    streams.delete(messageId);
    const body = Buffer.concat(stream.parts);
    if (body.length !== stream.start.totalSize) return broken('assembled length differs from totalSize');
    const relay: ReceivedRelay = { start: stream.start, body, sha256: createHash('sha256').update(body).digest('hex'), chunks: stream.next };
    received.push(relay);
    ack(messageId, String(stream.start.deliveryId), decide(relay));
  });
  return received;
}
