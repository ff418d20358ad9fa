import { randomBytes } from 'node:crypto';
import { RELAY_CHUNK_BYTES, type RelayEnvelope, relayFrames } from './webhook-relay-frames.js';

const envelope: RelayEnvelope = {
  routingKey: 'github:1',
  deliveryId: 'd-1',
  event: 'push',
  action: null,
  signatureHeaderName: 'x-hub-signature-256',
  signatureHeader: 'sha256=ab',
  clientIp: '10.0.0.1',
  headers: { 'content-type': 'application/json', 'x-note': 'naïve "quoted" ✓' },
  requestId: 'req-1',
};
const parse = (frame: string | Buffer): Record<string, unknown> => JSON.parse(frame.toString()) as Record<string, unknown>;

describe('relayFrames', () => {
  it('sends the start, then the body in 64 KiB chunks that reassemble byte for byte', () => {
    const body = randomBytes(2 * RELAY_CHUNK_BYTES + 5);
    const [start, ...chunks] = [...relayFrames('m-1', envelope, body)].map(parse);
    expect(start).toEqual({ type: 'webhook.relay.start', messageId: 'm-1', ...envelope, totalSize: body.length, chunkCount: 3 });
    expect(chunks.map((chunk) => Object.keys(chunk))).toEqual(Array(3).fill(['type', 'messageId', 'sequence', 'data', 'final']));
    expect(chunks.map((chunk) => [chunk.type, chunk.messageId, chunk.sequence, chunk.final])).toEqual([
      ['webhook.relay.chunk', 'm-1', 0, false],
      ['webhook.relay.chunk', 'm-1', 1, false],
      ['webhook.relay.chunk', 'm-1', 2, true],
    ]);
    expect(Buffer.concat(chunks.map((chunk) => Buffer.from(String(chunk.data), 'base64')))).toEqual(body);
  });

  it('sends one empty final chunk for an empty body', () => {
    const frames = [...relayFrames('m-2', envelope, Buffer.alloc(0))].map(parse);
    expect(frames[0]).toMatchObject({ totalSize: 0, chunkCount: 1 });
    expect(frames.slice(1)).toEqual([{ type: 'webhook.relay.chunk', messageId: 'm-2', sequence: 0, data: '', final: true }]);
  });
});
