import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { RequirePermission } from '../../../shared/auth/route-access.js';
import { ZodValidationPipe } from '../../../shared/validation/zod-validation.pipe.js';
import { ListAuditEventsQuery, type AuditEventView } from '../application/queries/list-audit-events/list-audit-events.query.js';
import { type AuditChainVerification, VerifyAuditChainQuery } from '../application/queries/verify-audit-chain/verify-audit-chain.query.js';
import { auditCursor, type AuditQuery, auditQuerySchema } from './audit-query.schema.js';

/** An Activity row (platform-domain §4.6) built from a Platform audit row. */
export interface ActivityRow {
  readonly id: string;
  readonly source: 'audit_log';
  readonly createdAt: string;
  readonly actorType: string;
  readonly actorId: string;
  readonly actorMeta: null;
  readonly actorEmail: string | null;
  readonly actorDisplayName: string | null;
  readonly action: string;
  readonly targetType: string;
  readonly targetId: string | null;
  readonly outcome: null;
  readonly errorMessage: null;
  readonly details: Record<string, unknown>;
  readonly requestId: string | null;
}

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
    return { events, nextCursor: hasMore ? auditCursor.encode(events[events.length - 1]!.seq) : null };
  }

  /**
   * The federated Activity view. Only the Platform half exists until orchestrators proxy their access
   * logs, so every answer says `partialResults: true`.
   */
  @RequirePermission('audit', 'read')
  @Get('activity')
  async activity(
    @Param('orgId') orgId: string,
    @Query(new ZodValidationPipe(auditQuerySchema, 'query')) query: AuditQuery,
  ): Promise<{ rows: ActivityRow[]; nextCursor: string | null; partialResults: boolean }> {
    const { events, hasMore } = await this.page(orgId, query);
    const rows = events.map(
      (event): ActivityRow => ({
        id: event.id,
        source: 'audit_log',
        createdAt: event.occurredAt,
        actorType: event.actorType,
        actorId: event.actorId,
        actorMeta: null,
        actorEmail: event.actorEmail,
        actorDisplayName: event.actorDisplay,
        action: event.action,
        targetType: event.targetType,
        targetId: event.targetId,
        outcome: null,
        errorMessage: null,
        details: event.payload,
        requestId: event.requestId,
      }),
    );
    return { rows, nextCursor: hasMore ? auditCursor.encode(events[events.length - 1]!.seq) : null, partialResults: true };
  }

  /** Re-computes the organization's hash chain and names the first row that does not verify. */
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
        beforeSeq: auditCursor.decode(query.cursor),
        limit: query.limit,
      }),
    );
  }
}
