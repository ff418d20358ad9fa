import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { WebSocket, WebSocketServer } from 'ws';
import { installFragmentListReuse } from './reuse-fragment-list.js';

/** The fragment list a server-side socket's receiver holds between messages (`ws` 8 internals). */
const fragmentListOf = (socket: WebSocket): unknown[] => (socket as unknown as { _receiver: { _fragments: unknown[] } })._receiver._fragments;

describe('one fragment list per socket (real ws server and client on loopback)', () => {
  let server: WebSocketServer;
  let client: WebSocket;
  let serverSide: WebSocket;
  const received: { text: string; isBinary: boolean }[] = [];

  beforeAll(async () => {
    installFragmentListReuse(import.meta.url);
    server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: { threshold: 1024, serverNoContextTakeover: true, clientNoContextTakeover: true } });
    await once(server, 'listening');
    const connected = once(server, 'connection');
    client = new WebSocket(`ws://127.0.0.1:${(server.address() as { port: number }).port}`, { perMessageDeflate: { threshold: 128 } });
    [serverSide] = (await connected) as [WebSocket];
    serverSide.on('message', (data: Buffer, isBinary) => received.push({ text: isBinary ? data.toString('hex') : data.toString(), isBinary }));
    await once(client, 'open');
  });

  afterAll(async () => {
    client.terminate();
    await new Promise((resolve) => server.close(resolve));
  });

  const nextOnServer = async (count: number): Promise<{ text: string; isBinary: boolean }[]> => {
    while (received.length < count) await new Promise((resolve) => setTimeout(resolve, 5));
    return received.splice(0, count);
  };

  it('keeps the same, emptied list from message to message (ws alone makes a new one for each)', async () => {
    client.send('{"type":"heartbeat"}');
    await nextOnServer(1);
    const list = fragmentListOf(serverSide);
    for (let i = 0; i < 3; i++) {
      client.send(`{"type":"heartbeat","n":${i}}`);
      await nextOnServer(1);
      expect(fragmentListOf(serverSide)).toBe(list);
      expect(list).toHaveLength(0);
    }
  });

  it('delivers every kind of message intact and in order: small, compressed, large, binary, fragmented', async () => {
    const large = randomBytes(512 * 1024).toString('base64');
    const compressed = JSON.stringify({ type: 'webhook.ack', pad: 'abc'.repeat(200) });
    const binary = randomBytes(64);
    client.send('small');
    client.send(compressed);
    client.send(large);
    client.send(binary);
    client.send('part one, ', { fin: false });
    client.send('part two, ', { fin: false });
    client.send('the end');
    client.send('after');
    expect(await nextOnServer(6)).toEqual([
      { text: 'small', isBinary: false },
      { text: compressed, isBinary: false },
      { text: large, isBinary: false },
      { text: binary.toString('hex'), isBinary: true },
      { text: 'part one, part two, the end', isBinary: false },
      { text: 'after', isBinary: false },
    ]);
    expect(fragmentListOf(serverSide)).toHaveLength(0);
  });

  it("leaves sockets that receive the list itself ('fragments') to ws", async () => {
    serverSide.binaryType = 'fragments';
    try {
      const delivered = once(serverSide, 'message');
      client.send(Buffer.from('abc'));
      const [data] = (await delivered) as [Buffer[]];
      expect(Buffer.concat(data).toString()).toBe('abc');
      expect(fragmentListOf(serverSide)).not.toBe(data);
      expect(data).toHaveLength(1);
    } finally {
      serverSide.binaryType = 'nodebuffer';
      received.splice(0);
    }
  });
});
