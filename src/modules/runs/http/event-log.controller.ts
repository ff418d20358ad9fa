import { Controller, Get, Param, Query } from '@nestjs/common';
import { z } from 'zod';
import { CurrentPrincipal } from '../../../shared/auth/current-principal.decorator.js';
import type { Principal } from '../../../shared/auth/principal.js';
import { RequirePermission } from '../../../shared/auth/route-access.js';
import { ZodValidationPipe } from '../../../shared/validation/zod-validation.pipe.js';
import { OrchestratorProxy, wireActorOf } from '../../orchestrator-gateway/index.js';
import { clusterChoiceOf, clusterQueryFields } from './cluster-query.js';

const text = (max: number) => z.string().trim().min(1).max(max).optional();

const listSchema = z
  .object({
    routingKey: text(256),
    event: text(128),
    status: z.enum(['received', 'processed', 'duplicate', 'lockfile_missing', 'lockfile_corrupt', 'failed']).optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    deliveryId: text(128),
    cursor: text(1000),
    limit: z.coerce.number().int().min(1).max(200).optional(),
    ...clusterQueryFields,
  })
  .strict();
const detailSchema = z.object({ routingKey: text(256), ...clusterQueryFields }).strict();
const deliveryId = z.string().trim().min(1).max(128);

/**
 * The webhook event log (platform-domain §9.9; orchestrator-protocol #56–57): the orchestrator's record of
 * each delivery it received, read through the proxy and always scoped to the caller's organization.
 */
@Controller('api/v1/orgs/:orgId/event-log')
export class EventLogController {
  constructor(private readonly proxy: OrchestratorProxy) {}

  @RequirePermission('event_log', 'read')
  @Get()
  list(@Param('orgId') orgId: string, @CurrentPrincipal() principal: Principal, @Query(new ZodValidationPipe(listSchema, 'query')) query: z.infer<typeof listSchema>) {
    const { from, to, orchestrator: _o, defaultCluster: _d, ...filters } = query;
    return this.proxy.request(orgId, wireActorOf(principal), 'dashboard.event-log.list', { ...filters, orgId, fromTimestamp: from, toTimestamp: to }, clusterChoiceOf(query));
  }

  @RequirePermission('event_log', 'read')
  @Get(':deliveryId')
  detail(
    @Param('orgId') orgId: string,
    @Param('deliveryId', new ZodValidationPipe(deliveryId, 'params')) id: string,
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodValidationPipe(detailSchema, 'query')) query: z.infer<typeof detailSchema>,
  ) {
    return this.proxy.request(orgId, wireActorOf(principal), 'dashboard.event-log.detail', { orgId, deliveryId: id, routingKey: query.routingKey }, clusterChoiceOf(query));
  }
}
