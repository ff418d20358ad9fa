import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { AppModule, type AppModuleOptions } from '../app.module.js';
import type { AppConfig } from '../config/app-config.js';
import { HttpMetrics } from '../observability/http-metrics.js';
import { ORG_ACCESS_KEY, PRINCIPAL_KEY } from '../shared/auth/current-principal.decorator.js';
import { ApiExceptionFilter } from '../shared/errors/api-exception.filter.js';
import { collapseSlashes } from '../shared/http/collapse-slashes.js';
import { clusterScopedUrl } from '../shared/http/cluster-scoped-url.js';
import { CLUSTER_SCOPE, type ClusterScopedRequest } from './http-hooks.js';
import { requestIdFrom } from '../shared/http/request-id.js';
import { DrainState } from '../shared/lifecycle/drain-state.js';
import { JsonLogger } from '../shared/logging/json-logger.js';
import { BasePathWsAdapter } from '../shared/ws/base-path-ws.adapter.js';
import { installHttpHooks } from './http-hooks.js';
import { installBodyParsers } from './body-parsers.js';
import { installSecurityHeaders } from './security-headers.js';
import { serializeReply } from '../shared/http/memoized-json.js';
import { buildOpenApiDocument } from '../observability/openapi/openapi-document.js';
import { OpenApiDocumentStore } from '../observability/openapi/openapi-document.store.js';
import { PLATFORM_VERSION } from '../observability/platform-version.js';

export interface CreateAppOptions {
  readonly databaseUrl: string;
  readonly logger?: JsonLogger;
  readonly extraImports?: AppModuleOptions['extraImports'];
}

/**
 * Builds and initialises the Platform on Fastify without listening: `main.ts` and the tests both start
 * it this way, so what the tests exercise is what runs.
 */
export async function createApp(config: AppConfig, options: CreateAppOptions): Promise<NestFastifyApplication> {
  const logger = options.logger ?? new JsonLogger(config.log.level);
  const adapter = new FastifyAdapter({
    bodyLimit: config.http.bodyLimitBytes,
    trustProxy: config.http.trustProxy,
    routerOptions: { ignoreDuplicateSlashes: true },
    requestIdHeader: false,
    genReqId: (request: IncomingMessage) => requestIdFrom(request.headers['x-request-id']),
    logger: false,
    return503OnClosing: true,
    // No Nest middleware is configured (the request plumbing is Fastify hooks): without middie, no
    // middleware runner sits in every request's hook chain for nothing.
    skipMiddie: true,
    // Before routing: a per-orchestrator alias is routed as the org route, its cluster kept for the proxy.
    rewriteUrl: (request: IncomingMessage) => {
      const url = collapseSlashes(request.url ?? '/');
      const scoped = clusterScopedUrl(url, config.http.basePath);
      if (!scoped) return url;
      (request as ClusterScopedRequest)[CLUSTER_SCOPE] = scoped.cluster;
      return scoped.url;
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.register({ config, databaseUrl: options.databaseUrl, extraImports: options.extraImports }),
    adapter,
    { logger, abortOnError: false, bodyParser: false },
  );

  if (config.http.basePath) app.setGlobalPrefix(config.http.basePath);
  app.useGlobalFilters(new ApiExceptionFilter(config.http.bodyLimitBytes));
  app.useWebSocketAdapter(new BasePathWsAdapter(app, config.http.basePath));

  // First of the hooks, so every response carries the headers, errors and the identity provider's pages included.
  await installSecurityHeaders(app, config);
  const fastify = app.getHttpAdapter().getInstance();
  // What the access guard leaves on a request (the caller, their organization access; Passport's `user`),
  // declared up front: every request object is built with the same shape, instead of growing new
  // properties in the guard on authenticated routes only.
  for (const key of [PRINCIPAL_KEY, ORG_ACCESS_KEY, 'user']) fastify.decorateRequest(key, null);
  installBodyParsers(fastify, config);
  fastify.setReplySerializer(serializeReply);
  installHttpHooks(fastify, app.get(HttpMetrics), logger, app.get(DrainState));
  // WebSocket upgrades bypass Fastify's router: apply the same repeated-slash rule before `ws` matches paths.
  // While draining, new upgrades are refused: an orchestrator redialling this replica after its 1001 would
  // otherwise get a socket nobody closes, and the server would wait on it until the shutdown deadline.
  const drain = app.get(DrainState);
  (app.getHttpServer() as Server).prependListener('upgrade', (request, socket: Duplex) => {
    request.url = collapseSlashes(request.url ?? '/');
    if (drain.draining) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    }
  });

  await app.init();
  app.get(OpenApiDocumentStore).setFactory(() => buildOpenApiDocument(app, config, PLATFORM_VERSION));
  return app;
}
