import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { connect } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { inlineFrameDeflateCounts, installInlineFrameDeflate } from './inline-frame-deflate.js';

// The orchestrator gateway's settings: no context takeover either way, so small frames can go in line.
const SERVER_DEFLATE = { threshold: 1024, serverNoContextTakeover: true, clientNoContextTakeover: true, serverMaxWindowBits: 10, clientMaxWindowBits: 10, zlibDeflateOptions: { memLevel: 3 } };
// What an orchestrator offers (orchestrator-protocol §1.1): compress everything from 128 bytes.
const CLIENT_DEFLATE = { threshold: 128, concurrencyLimit: 10 };

const compressible = (bytes: number): string => JSON.stringify({ type: 'webhook.ack', pad: 'abc'.repeat(bytes / 3) }).slice(0, bytes);

describe('permessage-deflate in line for small frames (real ws server and client on loopback)', () => {
  let server: WebSocketServer;
  let client: WebSocket;
  let serverSide: WebSocket;
  let negotiated = '';
  const received: string[] = [];

  beforeAll(async () => {
    installInlineFrameDeflate(import.meta.url);
    server = new WebSocketServer({ host: '127.0.0.1', port: 0, maxPayload: 25 * 1024 * 1024, perMessageDeflate: SERVER_DEFLATE });
    await once(server, 'listening');
    const connected = once(server, 'connection');
    client = new WebSocket(`ws://127.0.0.1:${(server.address() as { port: number }).port}`, { perMessageDeflate: CLIENT_DEFLATE });
    client.once('upgrade', (response) => (negotiated = String(response.headers['sec-websocket-extensions'])));
    [serverSide] = (await connected) as [WebSocket];
    serverSide.on('message', (data) => received.push(data.toString()));
    await once(client, 'open');
  });

  afterAll(async () => {
    client.terminate();
    await new Promise((resolve) => server.close(resolve));
  });

  const nextOnServer = async (count: number): Promise<string[]> => {
    while (received.length < count) await new Promise((resolve) => setTimeout(resolve, 5));
    return received.splice(0, count);
  };
  const nextOnClient = async (): Promise<string> => ((await once(client, 'message')) as [Buffer])[0].toString();

  it('negotiates no context takeover both ways', () => {
    expect(negotiated).toContain('permessage-deflate');
    expect(negotiated).toContain('client_no_context_takeover');
    expect(negotiated).toContain('server_no_context_takeover');
  });

  it('inflates small compressed frames from the client in line, intact and in order', async () => {
    const before = inlineFrameDeflateCounts.inflated;
    const messages = Array.from({ length: 50 }, (_, i) => `${i}:${compressible(200 + i)}`);
    for (const message of messages) client.send(message);
    expect(await nextOnServer(messages.length)).toEqual(messages);
    expect(inlineFrameDeflateCounts.inflated - before).toBe(messages.length);
  });

  it('deflates small frames to the client in line; a standard ws client reads them', async () => {
    const before = inlineFrameDeflateCounts.deflated;
    const message = compressible(4000);
    const read = nextOnClient();
    serverSide.send(message);
    expect(await read).toBe(message);
    expect(inlineFrameDeflateCounts.deflated - before).toBe(1);
  });

  it("leaves large frames to ws's stream, both ways", async () => {
    const counts = { ...inlineFrameDeflateCounts };
    const large = randomBytes(100 * 1024).toString('base64');
    client.send(large);
    expect(await nextOnServer(1)).toEqual([large]);
    const read = nextOnClient();
    serverSide.send(large);
    expect(await read).toBe(large);
    expect(inlineFrameDeflateCounts).toEqual(counts);
  });

  it('hands a small frame that inflates past the in-line cap to the stream, intact', async () => {
    const before = inlineFrameDeflateCounts.inflated;
    const bomb = 'a'.repeat(2 * 1024 * 1024);
    client.send(bomb);
    expect(await nextOnServer(1)).toEqual([bomb]);
    expect(inlineFrameDeflateCounts.inflated).toBe(before);
  });

  it('reassembles a fragmented compressed message, then goes back in line', async () => {
    const parts = [compressible(3000), compressible(500), compressible(700)];
    client.send(parts[0], { fin: false, compress: true });
    client.send(parts[1], { fin: false, compress: true });
    client.send(parts[2], { fin: true, compress: true });
    const after = compressible(300);
    client.send(after);
    expect(await nextOnServer(2)).toEqual([parts.join(''), after]);
  });
});

describe('permessage-deflate in line: limits and bad frames keep ws close codes', () => {
  let server: WebSocketServer;
  let port: number;

  beforeAll(async () => {
    installInlineFrameDeflate(import.meta.url);
    server = new WebSocketServer({ host: '127.0.0.1', port: 0, maxPayload: 1000, perMessageDeflate: SERVER_DEFLATE });
    server.on('connection', (socket) => socket.on('error', () => undefined));
    await once(server, 'listening');
    port = (server.address() as { port: number }).port;
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('closes with 1009 when a small compressed frame inflates past maxPayload', async () => {
    const client = new WebSocket(`ws://127.0.0.1:${port}`, { perMessageDeflate: CLIENT_DEFLATE });
    client.on('error', () => undefined);
    await once(client, 'open');
    client.send('a'.repeat(5000));
    const [code] = (await once(client, 'close')) as [number];
    expect(code).toBe(1009);
  });

  it('closes with 1007 on a compressed frame that is not deflate data', async () => {
    const socket = connect(port, '127.0.0.1');
    await once(socket, 'connect');
    socket.write(
      'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
        `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n` +
        'Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n',
    );
    let bytes = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => (bytes = Buffer.concat([bytes, chunk])));
    while (!bytes.includes('\r\n\r\n')) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(bytes.toString()).toMatch(/^HTTP\/1\.1 101[\s\S]*permessage-deflate/);
    const headerEnd = bytes.indexOf('\r\n\r\n') + 4;
    // FIN + RSV1 (compressed) + text, masked, with a payload zlib rejects (reserved block type 3).
    const payload = Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff]);
    const mask = randomBytes(4);
    socket.write(Buffer.concat([Buffer.from([0xc1, 0x80 | payload.length]), mask, payload.map((byte, i) => byte ^ mask[i % 4])]));
    await once(socket, 'close');
    const closeFrame = bytes.subarray(headerEnd);
    expect(closeFrame[0]).toBe(0x88);
    expect(closeFrame.readUInt16BE(2)).toBe(1007);
  });
});
