import { Controller, Get, Param, Query } from '@nestjs/common';
import { z } from 'zod';
import { CurrentPrincipal } from '../../../shared/auth/current-principal.decorator.js';
import type { Principal } from '../../../shared/auth/principal.js';
import { RequirePermission } from '../../../shared/auth/route-access.js';
import { DomainError } from '../../../shared/errors/domain-error.js';
import { ZodValidationPipe } from '../../../shared/validation/zod-validation.pipe.js';
import { clusterChoiceOf, clusterQueryFields, OrchestratorProxy, wireActorOf } from '../../orchestrator-gateway/index.js';
import { type DeliveryPosition, DeliveryLogReader, type PlatformDelivery } from '../application/delivery-log-reader.js';

const text = (max: number) => z.string().trim().min(1).max(max).optional();
const PLATFORM_CURSOR = 'p.';

const listSchema = z
  .object({
    routingKey: text(256),
    event: text(128),
    status: z.enum(['received', 'processed', 'duplicate', 'lockfile_missing', 'lockfile_corrupt', 'failed']).optional(),
    platformStatus: z.enum(['accepted', 'rejected_signature', 'rejected_unknown_source', 'rejected_misconfigured', 'unavailable']).optional(),
    source: z.enum(['merged', 'platform']).default('merged'),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    deliveryId: text(128),
    cursor: text(1000),
    limit: z.coerce.number().int().min(1).max(200).optional(),
    ...clusterQueryFields,
  })
  .strict()
  .refine((query) => !query.platformStatus || query.source === 'platform', { message: 'platformStatus filters the Platform log: add source=platform', path: ['platformStatus'] })
  .refine((query) => !query.status || query.source === 'merged', { message: 'status is the orchestrator’s outcome: not available with source=platform', path: ['status'] });
type ListQuery = z.infer<typeof listSchema>;

const detailSchema = z.object({ routingKey: text(256), ...clusterQueryFields }).strict();
const deliveryId = z.string().trim().min(1).max(255);
const positionSchema = z.object({ receivedAt: z.iso.datetime({ offset: true }), id: z.uuid() }).strict();

/** The orchestrator could not be asked: the Platform's half is still worth showing. */
const unavailable = (error: unknown): boolean =>
  error instanceof DomainError && (error.code === 'GATEWAY.ORCHESTRATOR_OFFLINE' || error.code === 'GATEWAY.ORCHESTRATOR_TIMEOUT');

/**
 * The webhook event log (platform-domain §5.4, §9.9): the orchestrator's record of what each delivery did
 * (orchestrator-protocol #56–57), joined on the delivery id with the Platform's own record of how it was
 * routed (`platform`). `source=platform` lists the Platform's log alone — including deliveries no
 * orchestrator ever saw (503s) — and is what the list falls back to, with `partialResults: true`, when
 * no orchestrator can answer. Always scoped to the caller's organization.
 */
@Controller('api/v1/orgs/:orgId/event-log')
export class EventLogController {
  constructor(
    private readonly proxy: OrchestratorProxy,
    private readonly platformLog: DeliveryLogReader,
  ) {}

  @RequirePermission('event_log', 'read')
  @Get()
  async list(@Param('orgId') orgId: string, @CurrentPrincipal() principal: Principal, @Query(new ZodValidationPipe(listSchema, 'query')) query: ListQuery) {
    if (query.source === 'platform' || query.cursor?.startsWith(PLATFORM_CURSOR)) return this.platformPage(orgId, query);
    const { from, to, source: _s, platformStatus: _p, orchestrator: _o, defaultCluster: _d, ...filters } = query;
    let answer: Record<string, unknown>;
    try {
      answer = await this.proxy.request(orgId, wireActorOf(principal), 'dashboard.event-log.list', { ...filters, orgId, fromTimestamp: from, toTimestamp: to }, clusterChoiceOf(query));
    } catch (error) {
      if (!unavailable(error) || query.cursor) throw error;
      return { ...(await this.platformPage(orgId, query)), partialResults: true };
    }
    const items = Array.isArray(answer.items) ? (answer.items as Record<string, unknown>[]) : [];
    const ours = await this.platformLog.byDeliveryIds(orgId, items.map((item) => item.deliveryId).filter((id): id is string => typeof id === 'string'));
    return { ...answer, items: items.map((item) => ({ ...item, platform: ours.get(item.deliveryId as string) ?? null })) };
  }

  @RequirePermission('event_log', 'read')
  @Get(':deliveryId')
  async detail(
    @Param('orgId') orgId: string,
    @Param('deliveryId', new ZodValidationPipe(deliveryId, 'params')) id: string,
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodValidationPipe(detailSchema, 'query')) query: z.infer<typeof detailSchema>,
  ) {
    const platform = (await this.platformLog.byDeliveryIds(orgId, [id])).get(id) ?? null;
    try {
      const answer = await this.proxy.request(orgId, wireActorOf(principal), 'dashboard.event-log.detail', { orgId, deliveryId: id, routingKey: query.routingKey ?? platform?.routingKey }, clusterChoiceOf(query));
      // The orchestrator answers a delivery it never recorded with no `item` (#57).
      return { ...answer, item: answer.item ?? null, platform };
    } catch (error) {
      if (!platform) throw error;
      if (unavailable(error)) return { item: null, platform, partialResults: true };
      if (error instanceof DomainError && error.code === 'GATEWAY.NOT_FOUND') return { item: null, platform };
      throw error;
    }
  }

  private async platformPage(orgId: string, query: ListQuery): Promise<{ items: Record<string, unknown>[]; nextCursor: string | null }> {
    const page = await this.platformLog.page(
      orgId,
      { routingKey: query.routingKey, event: query.event, deliveryId: query.deliveryId, platformStatus: query.platformStatus, from: query.from, to: query.to },
      query.limit ?? 50,
      query.cursor ? decodePosition(query.cursor) : null,
    );
    return { items: page.rows.map(platformItem), nextCursor: page.next ? PLATFORM_CURSOR + Buffer.from(JSON.stringify(page.next)).toString('base64url') : null };
  }
}

/** A Platform row in the list's item shape: the orchestrator's fields it cannot know stay null. */
function platformItem(row: PlatformDelivery): Record<string, unknown> {
  return { deliveryId: row.deliveryId, routingKey: row.routingKey, event: row.event, source: 'relay', status: null, receivedAt: row.receivedAt, platform: row };
}

function decodePosition(cursor: string): DeliveryPosition {
  try {
    if (!cursor.startsWith(PLATFORM_CURSOR)) throw new Error('not ours');
    return positionSchema.parse(JSON.parse(Buffer.from(cursor.slice(PLATFORM_CURSOR.length), 'base64url').toString('utf8')));
  } catch {
    throw new DomainError('HTTP.VALIDATION_FAILED', 'Invalid cursor', { fields: { cursor: 'not a cursor this list returned' } });
  }
}
