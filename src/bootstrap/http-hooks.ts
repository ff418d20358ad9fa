import type { FastifyInstance } from 'fastify';
import type { JsonLogger } from '../shared/logging/json-logger.js';
import { runWithRequestContext } from '../shared/http/request-context.js';
import type { HttpMetrics } from '../observability/http-metrics.js';
import type { DrainState } from '../shared/lifecycle/drain-state.js';

/**
 * Per-request plumbing on the Fastify instance: the request id goes back in `x-request-id` and into an
 * async context (so logs and events carry it), and each response is counted, timed and logged. The
 * access log holds the path without its query string and no headers, so credentials never reach it.
 */
/** Where `rewriteUrl` leaves the cluster of a per-orchestrator URL on the raw request. */
export const CLUSTER_SCOPE = Symbol('kici.clusterScope');
export type ClusterScopedRequest = import('node:http').IncomingMessage & { [CLUSTER_SCOPE]?: string };

export function installHttpHooks(fastify: FastifyInstance, metrics: HttpMetrics, logger: JsonLogger, drain: DrainState): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    const userAgent = request.headers['user-agent'];
    const cluster = (request.raw as ClusterScopedRequest)[CLUSTER_SCOPE] ?? null;
    runWithRequestContext({ requestId: request.id, ip: request.ip ?? null, userAgent: typeof userAgent === 'string' ? userAgent : null, cluster }, done);
  });

  // While draining, each response closes its connection, so keep-alive clients cannot hold the server open.
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (drain.draining) void reply.header('connection', 'close');
    done(null, payload);
  });

  fastify.addHook('onResponse', (request, reply, done) => {
    const seconds = reply.elapsedTime / 1000;
    metrics.record(request.method, request.routeOptions.url, reply.statusCode, seconds);
    // Below `info` (as operators of busy replicas set it) the access log's fields are not even built.
    if (!logger.enabled('info')) return done();
    logger.event('info', 'request', {
      requestId: request.id,
      method: request.method,
      path: request.url.split('?')[0],
      route: request.routeOptions.url ?? null,
      status: reply.statusCode,
      ms: Math.round(seconds * 10_000) / 10,
      ip: request.ip,
    });
    done();
  });
}
