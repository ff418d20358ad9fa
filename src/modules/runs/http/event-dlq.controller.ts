import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { CurrentPrincipal } from '../../../shared/auth/current-principal.decorator.js';
import type { Principal } from '../../../shared/auth/principal.js';
import { RequirePermission } from '../../../shared/auth/route-access.js';
import { ZodValidationPipe } from '../../../shared/validation/zod-validation.pipe.js';
import { OrchestratorProxy, wireActorOf } from '../../orchestrator-gateway/index.js';
import { clusterChoiceOf, clusterQueryFields } from '../../orchestrator-gateway/index.js';
import { RelayedWrite } from './relayed-write.js';

const listSchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).optional(),
    before: z.iso.datetime({ offset: true }).optional(),
    ...clusterQueryFields,
  })
  .strict();
const clusterSchema = z.object(clusterQueryFields).strict();
const eventId = z.string().trim().min(1).max(128);

/**
 * The orchestrator's dead-letter queue of internal events (platform-domain §4.7, §9.9; protocol #59–62).
 * Retry and discard are writes the orchestrator's policy may disable (checked before sending) and are
 * audited once the orchestrator accepts them.
 */
@Controller('api/v1/orgs/:orgId/event-dlq')
export class EventDlqController {
  constructor(
    private readonly proxy: OrchestratorProxy,
    private readonly writes: RelayedWrite,
  ) {}

  @RequirePermission('event_dlq', 'read')
  @Get()
  list(@Param('orgId') orgId: string, @CurrentPrincipal() principal: Principal, @Query(new ZodValidationPipe(listSchema, 'query')) query: z.infer<typeof listSchema>) {
    return this.proxy.request(orgId, wireActorOf(principal), 'dashboard.event-dlq.list', { orgId, limit: query.limit, before: query.before }, clusterChoiceOf(query));
  }

  @RequirePermission('event_dlq', 'read')
  @Get('count')
  count(@Param('orgId') orgId: string, @CurrentPrincipal() principal: Principal, @Query(new ZodValidationPipe(clusterSchema, 'query')) query: z.infer<typeof clusterSchema>) {
    return this.proxy.request(orgId, wireActorOf(principal), 'dashboard.event-dlq.count', { orgId }, clusterChoiceOf(query));
  }

  @RequirePermission('event_dlq', 'write')
  @Post(':eventId/retry')
  @HttpCode(200)
  retry(
    @Param('orgId') orgId: string,
    @Param('eventId', new ZodValidationPipe(eventId, 'params')) id: string,
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodValidationPipe(clusterSchema, 'query')) query: z.infer<typeof clusterSchema>,
  ) {
    return this.relay(orgId, principal, 'retry', id, query);
  }

  @RequirePermission('event_dlq', 'write')
  @Post(':eventId/discard')
  @HttpCode(200)
  discard(
    @Param('orgId') orgId: string,
    @Param('eventId', new ZodValidationPipe(eventId, 'params')) id: string,
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodValidationPipe(clusterSchema, 'query')) query: z.infer<typeof clusterSchema>,
  ) {
    return this.relay(orgId, principal, 'discard', id, query);
  }

  private relay(orgId: string, principal: Principal, verb: 'retry' | 'discard', id: string, query: z.infer<typeof clusterSchema>) {
    return this.writes.send(orgId, principal, `dashboard.event-dlq.${verb}`, { orgId, eventId: id }, { action: `event_dlq.${verb}`, targetId: id }, clusterChoiceOf(query));
  }
}
