// The baseline: a bare Fastify server that takes any body as raw bytes and answers with a request id,
// which is what the Platform's webhook ingress answers — without auth, routing, relay or a database.
// Usage (forked): echo-server.mjs → sends its port to the parent over IPC.
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';

const app = Fastify({ bodyLimit: 25 * 1024 * 1024 });
app.removeAllContentTypeParsers();
app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
app.post('/webhook/:orgId/generic/:sourceId', async (request) => ({ requestId: randomUUID(), bytes: request.body?.length ?? 0 }));
await app.listen({ port: 0, host: '127.0.0.1' });
process.send?.(app.server.address().port);
