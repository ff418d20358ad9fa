import { Controller, Get, Param, Query } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { CurrentPrincipal } from '../../../shared/auth/current-principal.decorator.js';
import type { Principal } from '../../../shared/auth/principal.js';
import { RequirePermission } from '../../../shared/auth/route-access.js';
import { ZodValidationPipe } from '../../../shared/validation/zod-validation.pipe.js';
import { OrchestratorProxy, wireActorOf } from '../../orchestrator-gateway/index.js';
import { isPersonActor, peopleBySubject } from './people-by-subject.js';

const text = (max: number) => z.string().trim().min(1).max(max).optional();
const clusterName = z.string().trim().min(1).max(128).optional();

const accessLogQuerySchema = z
  .object({
    actorType: z.enum(['user', 'api_key', 'service_account', 'platform_operator', 'system']).optional(),
    actorId: text(255),
    action: text(128),
    origin: z.enum(['platform_proxy', 'admin_http', 'admin_cli', 'agent']).optional(),
    outcome: z.enum(['allowed', 'denied', 'error']).optional(),
    targetType: text(64),
    targetId: text(255),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    q: text(200),
    limit: z.coerce.number().int().min(1).max(200).optional(),
    cursor: text(1000),
    orchestrator: clusterName,
    defaultCluster: clusterName,
  })
  .strict();

type AccessLogQuery = z.infer<typeof accessLogQuerySchema>;

/**
 * The orchestrator's data-access log (platform-domain §9.9; protocol #65), proxied and scoped to the
 * caller's organization, with the people it names by subject given their email and name.
 */
@Controller('api/v1/orgs/:orgId/access-log')
export class AccessLogController {
  constructor(
    private readonly proxy: OrchestratorProxy,
    private readonly dataSource: DataSource,
  ) {}

  @RequirePermission('audit', 'read')
  @Get()
  async list(
    @Param('orgId') orgId: string,
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodValidationPipe(accessLogQuerySchema, 'query')) query: AccessLogQuery,
  ): Promise<{ items: Record<string, unknown>[]; nextCursor: string | null }> {
    const { from, to, origin, orchestrator, defaultCluster, ...filters } = query;
    const answer = await this.proxy.request(
      orgId,
      wireActorOf(principal),
      'dashboard.access-log.list',
      { ...filters, orgId, source: origin, fromTimestamp: from, toTimestamp: to },
      { cluster: orchestrator ?? null, defaultCluster: defaultCluster ?? null },
    );
    const items = (Array.isArray(answer.items) ? answer.items : []).filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null);
    const people = await peopleBySubject(
      this.dataSource,
      items.filter((item) => isPersonActor(item.actorType) && typeof item.actorId === 'string').map((item) => item.actorId as string),
    );
    return {
      items: items.map((item) => {
        const person = isPersonActor(item.actorType) ? people.get(item.actorId as string) : undefined;
        return { ...item, actorEmail: person?.email ?? null, actorDisplayName: person?.displayName ?? null };
      }),
      nextCursor: typeof answer.nextCursor === 'string' ? answer.nextCursor : null,
    };
  }
}
