// Baseline for the gateway: a bare Fastify + ws server speaking just enough of the orchestrator protocol
// (auth.request → auth.success, source.register → ack, heartbeats noted) to hold the same simulated
// orchestrators, and proxying `GET /api/v1/orgs/:orgId/registrations` to one of that organization's
// registered sockets round-robin. The token of `auth.request` is taken as the organization id — no key
// check, no database, no session bookkeeping — so a request for org X reaches a socket that authenticated
// with X's "key", as the Platform routes it. Same WebSocket options as the Platform's gateway.
// Usage (forked): ws-proxy-server.mjs → sends its port to the parent over IPC.
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import { WebSocketServer } from 'ws';

const PROXY_TIMEOUT_MS = 30_000;
const app = Fastify();
const wss = new WebSocketServer({
  noServer: true,
  maxPayload: 25 * 1024 * 1024,
  perMessageDeflate: { threshold: 1024, concurrencyLimit: 10, serverNoContextTakeover: true, clientNoContextTakeover: true, serverMaxWindowBits: 10, clientMaxWindowBits: 10 },
});
/** Registered sockets by organization (the token they authenticated with), and where round-robin stands. */
const orgs = new Map();
const pending = new Map();

wss.on('connection', (socket) => {
  socket.lastHeartbeat = Date.now();
  let orgId = null;
  let registered = false;
  socket.on('message', (data) => {
    const frame = JSON.parse(data.toString());
    if (frame.type === 'auth.request') {
      orgId = String(frame.token);
      socket.send(JSON.stringify({ type: 'auth.success', connectionId: randomUUID() }));
    } else if (frame.type === 'source.register') {
      if (!registered && orgId !== null) {
        registered = true;
        if (!orgs.has(orgId)) orgs.set(orgId, { sockets: [], next: 0 });
        orgs.get(orgId).sockets.push(socket);
      }
      socket.send(JSON.stringify({ type: 'source.register.ack', messageId: frame.messageId }));
    } else if (frame.type === 'heartbeat') socket.lastHeartbeat = Date.now();
    else if (frame.requestId && pending.has(frame.requestId)) {
      pending.get(frame.requestId)(frame);
      pending.delete(frame.requestId);
    }
  });
  socket.on('close', () => {
    if (!registered) return;
    const { sockets } = orgs.get(orgId);
    sockets.splice(sockets.indexOf(socket), 1);
  });
});
app.server.on('upgrade', (request, socket, head) => wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request)));

app.get('/api/v1/orgs/:orgId/registrations', async (request, reply) => {
  const org = orgs.get(request.params.orgId);
  if (!org || org.sockets.length === 0) return reply.code(503).send({ error: 'no orchestrator' });
  const socket = org.sockets[org.next++ % org.sockets.length];
  const requestId = randomUUID();
  const frame = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      pending.delete(requestId);
      reject(new Error('proxy timeout'));
    }, PROXY_TIMEOUT_MS);
    pending.set(requestId, (response) => {
      clearTimeout(timer);
      resolve(response);
    });
    socket.send(JSON.stringify({ type: 'dashboard.registrations.list', requestId }));
  });
  const { type: _type, requestId: _id, ...body } = frame;
  return body;
});
await app.listen({ port: 0, host: '127.0.0.1' });
process.send?.(app.server.address().port);
