// A simulated orchestrator in its own process (so its work is not charged to the load generator): it
// authenticates with the key, registers one generic source, reassembles every chunked webhook relay and
// acks it `accepted`. Tells its parent "ready" over IPC once registered.
// Usage (forked): relay-orchestrator.mjs <wsUrl> <key> <routingKey> [sockets]
import WebSocket from 'ws';

const [wsUrl, key, routingKey, socketCount = '1'] = process.argv.slice(2);
let ready = 0;

function connect() {
  const socket = new WebSocket(wsUrl, { perMessageDeflate: { threshold: 128, concurrencyLimit: 10 }, maxPayload: 25 * 1024 * 1024 });
  const streams = new Map();
  socket.on('open', () => socket.send(JSON.stringify({ type: 'auth.request', token: key, protocolVersion: 1, capabilities: { orchRole: 'coordinator' } })));
  socket.on('message', (data) => {
    const frame = JSON.parse(data.toString());
    switch (frame.type) {
      case 'auth.success':
        socket.send(JSON.stringify({ type: 'source.register', messageId: 'bench', clusterName: 'bench', sources: [{ provider: 'generic', routingKey, name: 'bench', subtype: 'generic_webhook' }] }));
        return;
      case 'source.register.ack':
        if (++ready === Number(socketCount)) process.send?.('ready');
        return;
      case 'webhook.relay.start':
        streams.set(frame.messageId, { deliveryId: frame.deliveryId, totalSize: frame.totalSize, received: 0 });
        return;
      case 'webhook.relay.chunk': {
        const stream = streams.get(frame.messageId);
        if (!stream) return;
        stream.received += Buffer.byteLength(frame.data, 'base64');
        if (!frame.final) return;
        streams.delete(frame.messageId);
        const result = stream.received === stream.totalSize ? 'accepted' : 'rejected_misconfigured';
        socket.send(JSON.stringify({ type: 'webhook.ack', messageId: frame.messageId, deliveryId: stream.deliveryId, result }));
        return;
      }
    }
  });
  socket.on('error', (error) => {
    console.error(`relay orchestrator: ${error.message}`);
    process.exit(1);
  });
}

for (let i = 0; i < Number(socketCount); i += 1) connect();
