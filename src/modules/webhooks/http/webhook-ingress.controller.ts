import { Controller, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config.js';
import { Public } from '../../../shared/auth/route-access.js';
import { DomainError } from '../../../shared/errors/domain-error.js';
import { describeDelivery, type IngressKind, ORG_ID, SOURCE_ID } from '../application/delivery-description.js';
import { type IngressAnswer, InboundRelay } from '../application/inbound-relay.js';

/**
 * Provider webhook ingress (platform-domain §5.1, §8), outside `/api/v1`. Public: the provider's signature
 * is verified by the orchestrator over the exact bytes, which is why the body arrives here unparsed (see
 * `raw-body-routes.ts`). The 25 MiB cap is the global body limit (413 before any relay work).
 */
@Controller('webhook/:orgId')
@Public()
export class WebhookIngressController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly relay: InboundRelay,
  ) {}

  @Post('github')
  @HttpCode(200)
  github(@Param('orgId') orgId: string, @Req() request: FastifyRequest): Promise<IngressAnswer> {
    return this.receive(orgId, { provider: 'github' }, request);
  }

  @Post('generic/:sourceId')
  @HttpCode(200)
  generic(@Param('orgId') orgId: string, @Param('sourceId') sourceId: string, @Req() request: FastifyRequest): Promise<IngressAnswer> {
    if (!SOURCE_ID.test(sourceId)) throw new DomainError('WEBHOOK.UNKNOWN_SOURCE', 'Unknown webhook source');
    return this.receive(orgId, { provider: 'generic', sourceId }, request);
  }

  private async receive(orgId: string, kind: IngressKind, request: FastifyRequest): Promise<IngressAnswer> {
    // Ids the Platform never issues are unknown without a lookup.
    if (!ORG_ID.test(orgId)) throw new DomainError('WEBHOOK.UNKNOWN_SOURCE', 'Unknown webhook source');
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    return this.relay.receive(orgId, kind.provider, describeDelivery(orgId, kind, request.headers, this.clientIp(request), request.id), body);
  }

  /** First `X-Forwarded-For` hop, else `X-Real-IP` — only behind a trusted proxy; otherwise the peer address. */
  private clientIp(request: FastifyRequest): string | null {
    if (this.config.http.trustProxy && request.headers['x-forwarded-for'] === undefined) {
      const realIp = request.headers['x-real-ip'];
      if (typeof realIp === 'string' && realIp.trim()) return realIp.trim().slice(0, 64);
    }
    return request.ip ?? null;
  }
}
