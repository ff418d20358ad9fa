import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppConfig } from '../config/app-config.js';
import { DomainError } from '../shared/errors/domain-error.js';
import { parseJsonBody } from './json-body-parser.js';

/**
 * Request body parsing for the whole app. API routes take JSON only (anything else is a 415). Webhook
 * ingress takes any content type and gets the bytes untouched: the orchestrator verifies the provider's
 * signature over exactly those bytes, so the Platform must never parse or re-encode them.
 */
export function installBodyParsers(fastify: FastifyInstance, config: AppConfig): void {
  const webhookPrefix = `${config.http.basePath}/webhook/`;
  const isWebhook = (request: FastifyRequest): boolean => request.url.startsWith(webhookPrefix);
  const options = { parseAs: 'buffer' as const, bodyLimit: config.http.bodyLimitBytes };

  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', options, (request: FastifyRequest, body: Buffer, done: (error: Error | null, value?: unknown) => void) => {
    if (isWebhook(request)) return done(null, body);
    parseJsonBody(request, body, done);
  });
  fastify.addContentTypeParser('*', options, (request: FastifyRequest, body: Buffer, done: (error: Error | null, value?: unknown) => void) => {
    if (isWebhook(request)) return done(null, body);
    done(new DomainError('HTTP.UNSUPPORTED_MEDIA_TYPE', `Unsupported content type: ${String(request.headers['content-type'] ?? 'none')}; send application/json`));
  });
}
