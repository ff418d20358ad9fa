import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { CurrentPrincipal } from '../../../../shared/auth/current-principal.decorator.js';
import { actorOf, type Principal } from '../../../../shared/auth/principal.js';
import { RequirePermission } from '../../../../shared/auth/route-access.js';
import { ZodValidationPipe } from '../../../../shared/validation/zod-validation.pipe.js';
import { CreateEndpointCommand } from '../application/commands/create-endpoint/create-endpoint.command.js';
import { DeleteEndpointCommand } from '../application/commands/delete-endpoint/delete-endpoint.command.js';
import { RotateEndpointSecretCommand } from '../application/commands/rotate-endpoint-secret/rotate-endpoint-secret.command.js';
import { TestEndpointCommand } from '../application/commands/test-endpoint/test-endpoint.command.js';
import { UpdateEndpointCommand } from '../application/commands/update-endpoint/update-endpoint.command.js';
import type { DeliveryView } from '../application/delivery-view.js';
import type { EndpointView } from '../application/endpoint-view.js';
import { GetEndpointQuery } from '../application/queries/get-endpoint/get-endpoint.query.js';
import { ListEndpointsQuery } from '../application/queries/list-endpoints/list-endpoints.query.js';
import {
  type CreateEndpointBody,
  createEndpointSchema,
  DEFAULT_OVERLAP_SECONDS,
  type RotateSecretBody,
  rotateSecretSchema,
  type UpdateEndpointBody,
  updateEndpointSchema,
} from './webhook-endpoint.schemas.js';

/**
 * Outbound webhook endpoints of an organization. Reading needs webhook_endpoints:read, changing them
 * write; rotating the signing secret needs admin, because it hands out a new secret that can sign as the
 * Platform for this endpoint.
 */
@Controller('api/v1/orgs/:orgId/webhook-endpoints')
export class WebhookEndpointsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @RequirePermission('webhook_endpoints', 'read')
  @Get()
  async list(@Param('orgId') orgId: string): Promise<{ endpoints: EndpointView[] }> {
    return { endpoints: await this.queries.execute(new ListEndpointsQuery(orgId)) };
  }

  /** The answer carries the signing secret; it is never shown again. */
  @RequirePermission('webhook_endpoints', 'write')
  @Post()
  create(
    @Param('orgId') orgId: string,
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodValidationPipe(createEndpointSchema)) body: CreateEndpointBody,
  ): Promise<EndpointView & { secret: string }> {
    return this.commands.execute(
      new CreateEndpointCommand(actorOf(principal), orgId, { url: body.url, description: body.description ?? null, eventTypes: body.eventTypes, enabled: body.enabled }),
    );
  }

  @RequirePermission('webhook_endpoints', 'read')
  @Get(':endpointId')
  get(@Param('orgId') orgId: string, @Param('endpointId') endpointId: string): Promise<EndpointView> {
    return this.queries.execute(new GetEndpointQuery(orgId, endpointId));
  }

  @RequirePermission('webhook_endpoints', 'write')
  @Patch(':endpointId')
  update(
    @Param('orgId') orgId: string,
    @Param('endpointId') endpointId: string,
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodValidationPipe(updateEndpointSchema)) body: UpdateEndpointBody,
  ): Promise<EndpointView> {
    return this.commands.execute(new UpdateEndpointCommand(actorOf(principal), orgId, endpointId, body));
  }

  @RequirePermission('webhook_endpoints', 'write')
  @Delete(':endpointId')
  @HttpCode(204)
  async remove(@Param('orgId') orgId: string, @Param('endpointId') endpointId: string, @CurrentPrincipal() principal: Principal): Promise<void> {
    await this.commands.execute(new DeleteEndpointCommand(actorOf(principal), orgId, endpointId));
  }

  /** Queues a `ping` through the ordinary delivery path; the delivery shows how it went. */
  @RequirePermission('webhook_endpoints', 'write')
  @Post(':endpointId/test')
  @HttpCode(202)
  test(@Param('orgId') orgId: string, @Param('endpointId') endpointId: string, @CurrentPrincipal() principal: Principal): Promise<DeliveryView> {
    return this.commands.execute(new TestEndpointCommand(actorOf(principal), orgId, endpointId));
  }

  @RequirePermission('webhook_endpoints', 'admin')
  @Post(':endpointId/rotate-secret')
  @HttpCode(200)
  rotateSecret(
    @Param('orgId') orgId: string,
    @Param('endpointId') endpointId: string,
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodValidationPipe(rotateSecretSchema)) body: RotateSecretBody,
  ): Promise<EndpointView & { secret: string }> {
    return this.commands.execute(new RotateEndpointSecretCommand(actorOf(principal), orgId, endpointId, body?.overlapSeconds ?? DEFAULT_OVERLAP_SECONDS));
  }
}
