// Many simulated orchestrators in one process (so their work is not charged to the load generator): each
// authenticates with one of the keys (taken in turn, so the sockets spread evenly over the keys'
// organizations), registers, heartbeats every `heartbeatMs` like the real one (protocol §1.7, staggered so
// they do not all fire at once) and answers `dashboard.registrations.list` proxy requests. All sockets
// report the same cluster name: an organization's sockets are HA siblings of one cluster, so a request
// to it is never refused as ambiguous.
// Driven over IPC: { cmd: 'connect', count } → { type: 'connected', open }; { cmd: 'report' } →
// { type: 'report', open, closes: { [code]: n }, failedConnects, errors, loopDelayMaxMs } (since the
// previous report, the longest its event loop took to run a 10 ms timer: beyond those 10 ms, a proxy
// answer waited that long). Sends { type: 'ready' } first.
// Usage (forked): orchestrator-fleet.mjs <wsUrl> <key>[,<key>…] <heartbeatMs>
import { monitorEventLoopDelay } from 'node:perf_hooks';
import WebSocket from 'ws';

const [wsUrl, keyList, heartbeatMs] = process.argv.slice(2);
const keys = keyList.split(',');
const HEARTBEAT_MS = Number(heartbeatMs);
const CONNECT_CONCURRENCY = 100;
/** A connection that is neither registered nor failed by then counts as failed, so a batch always ends. */
const CONNECT_TIMEOUT_MS = 30_000;
const answer = JSON.stringify({ registrations: [], registryVersion: 1, registryUpdatedAt: new Date().toISOString() }).slice(1, -1);
const sockets = new Set();
const closes = {};
let errors = 0;
const failedConnects = {};
let connectsStarted = 0;
const loopDelay = monitorEventLoopDelay();
loopDelay.enable();

function connectOne() {
  const key = keys[connectsStarted++ % keys.length];
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(wsUrl, { perMessageDeflate: { threshold: 128, concurrencyLimit: 10 } });
    let heartbeat;
    const giveUp = setTimeout(() => {
      socket.terminate();
      reject(new Error('connect timed out'));
    }, CONNECT_TIMEOUT_MS);
    socket.on('open', () => socket.send(JSON.stringify({ type: 'auth.request', token: key, protocolVersion: 1, capabilities: { orchRole: 'coordinator' } })));
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString());
      if (frame.type === 'auth.success') {
        socket.send(JSON.stringify({ type: 'source.register', messageId: 'm', sources: [], clusterName: 'bench', version: '0.1.24' }));
      } else if (frame.type === 'source.register.ack') {
        clearTimeout(giveUp);
        sockets.add(socket);
        socket.send(JSON.stringify({ type: 'heartbeat', timestamp: Date.now() }));
        const beat = () => socket.send(JSON.stringify({ type: 'heartbeat', timestamp: Date.now() }));
        heartbeat = setTimeout(() => {
          beat();
          heartbeat = setInterval(beat, HEARTBEAT_MS);
        }, Math.random() * HEARTBEAT_MS);
        resolve();
      } else if (frame.type === 'dashboard.registrations.list') {
        socket.send(`{"type":"dashboard.registrations.list.response","requestId":${JSON.stringify(frame.requestId)},${answer}}`);
      }
    });
    socket.on('close', (code) => {
      clearTimeout(giveUp);
      clearTimeout(heartbeat);
      clearInterval(heartbeat);
      if (sockets.delete(socket)) closes[code] = (closes[code] ?? 0) + 1;
      else {
        // Closed before it registered (e.g. refused or timed out during auth): a failed connect.
        failedConnects[code] = (failedConnects[code] ?? 0) + 1;
        reject(new Error(`closed ${code} before registering`));
      }
    });
    socket.on('error', (error) => {
      errors += 1;
      reject(error);
    });
  });
}

async function connect(count) {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next += 1;
      await connectOne().catch(() => undefined);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONNECT_CONCURRENCY, count) }, worker));
}

process.on('message', async (message) => {
  if (message.cmd === 'connect') {
    await connect(message.count);
    process.send({ type: 'connected', open: sockets.size });
  } else if (message.cmd === 'report') {
    const loopDelayMaxMs = Number((loopDelay.max / 1e6).toFixed(1));
    loopDelay.reset();
    process.send({ type: 'report', open: sockets.size, closes, failedConnects, errors, loopDelayMaxMs });
  }
});
process.on('SIGTERM', () => {
  for (const socket of sockets) socket.terminate();
  process.exit(0);
});
process.send({ type: 'ready' });
