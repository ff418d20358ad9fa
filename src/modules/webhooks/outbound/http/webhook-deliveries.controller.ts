import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { CurrentPrincipal } from '../../../../shared/auth/current-principal.decorator.js';
import { actorOf, type Principal } from '../../../../shared/auth/principal.js';
import { RequirePermission } from '../../../../shared/auth/route-access.js';
import { ZodValidationPipe } from '../../../../shared/validation/zod-validation.pipe.js';
import { DiscardDeliveryCommand } from '../application/commands/discard-delivery/discard-delivery.command.js';
import { RequeueDeliveryCommand } from '../application/commands/requeue-delivery/requeue-delivery.command.js';
import type { DeliveryView } from '../application/delivery-view.js';
import { ListDeliveriesQuery } from '../application/queries/list-deliveries/list-deliveries.query.js';
import { deliveryCursor, type DeliveriesQuery, deliveriesQuerySchema } from './webhook-endpoint.schemas.js';

/** An endpoint's delivery log (`?status=dead` is its dead-letter queue) and what can be done with dead deliveries. */
@Controller('api/v1/orgs/:orgId/webhook-endpoints/:endpointId/deliveries')
export class WebhookDeliveriesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @RequirePermission('webhook_endpoints', 'read')
  @Get()
  async list(
    @Param('orgId') orgId: string,
    @Param('endpointId') endpointId: string,
    @Query(new ZodValidationPipe(deliveriesQuerySchema, 'query')) query: DeliveriesQuery,
  ): Promise<{ deliveries: DeliveryView[]; nextCursor: string | null }> {
    const { deliveries, hasMore } = await this.queries.execute(
      new ListDeliveriesQuery({ orgId, endpointId, status: query.status, beforeId: deliveryCursor.decode(query.cursor), limit: query.limit }),
    );
    return { deliveries, nextCursor: hasMore ? deliveryCursor.encode(deliveries[deliveries.length - 1]!.id) : null };
  }

  @RequirePermission('webhook_endpoints', 'write')
  @Post(':deliveryId/requeue')
  @HttpCode(200)
  requeue(
    @Param('orgId') orgId: string,
    @Param('endpointId') endpointId: string,
    @Param('deliveryId') deliveryId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<DeliveryView> {
    return this.commands.execute(new RequeueDeliveryCommand(actorOf(principal), orgId, endpointId, deliveryId));
  }

  @RequirePermission('webhook_endpoints', 'write')
  @Post(':deliveryId/discard')
  @HttpCode(200)
  discard(
    @Param('orgId') orgId: string,
    @Param('endpointId') endpointId: string,
    @Param('deliveryId') deliveryId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<DeliveryView> {
    return this.commands.execute(new DiscardDeliveryCommand(actorOf(principal), orgId, endpointId, deliveryId));
  }
}
