import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { RequirePermission } from '../../../shared/auth/route-access.js';
import { ZodValidationPipe } from '../../../shared/validation/zod-validation.pipe.js';
import { ListAuditEventsQuery, type AuditEventView } from '../application/queries/list-audit-events/list-audit-events.query.js';
import { type AuditChainVerification, VerifyAuditChainQuery } from '../application/queries/verify-audit-chain/verify-audit-chain.query.js';
import { auditCursor, type AuditQuery, auditQuerySchema } from './audit-query.schema.js';

@Controller('api/v1/orgs/:orgId')
export class AuditController {
  constructor(private readonly queries: QueryBus) {}

  @RequirePermission('audit', 'read')
  @Get('audit')
  async list(
    @Param('orgId') orgId: string,
    @Query(new ZodValidationPipe(auditQuerySchema, 'query')) query: AuditQuery,
  ): Promise<{ events: AuditEventView[]; nextCursor: string | null }> {
    const { events, hasMore } = await this.page(orgId, query);
    return { events, nextCursor: hasMore ? auditCursor.encode(events[events.length - 1]!) : null };
  }

  /**
   * Re-computes the organization's hash chain and names the first row that does not verify; also says how
   * many rows are committed but not sealed into the chain yet (those are checked once sealed).
   */
  @RequirePermission('audit', 'read')
  @Get('audit/verify')
  verify(@Param('orgId') orgId: string): Promise<AuditChainVerification> {
    return this.queries.execute(new VerifyAuditChainQuery(orgId));
  }

  private page(orgId: string, query: AuditQuery): Promise<{ events: AuditEventView[]; hasMore: boolean }> {
    return this.queries.execute(
      new ListAuditEventsQuery({
        orgId,
        action: query.action,
        actorType: query.actorType,
        actorId: query.actorId,
        targetType: query.targetType,
        targetId: query.targetId,
        q: query.q,
        from: query.from ? new Date(query.from) : undefined,
        to: query.to ? new Date(query.to) : undefined,
        before: auditCursor.decode(query.cursor),
        limit: query.limit,
      }),
    );
  }
}
