import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { CurrentPrincipal } from '../../../shared/auth/current-principal.decorator.js';
import type { Principal } from '../../../shared/auth/principal.js';
import { RequirePermission } from '../../../shared/auth/route-access.js';
import { DomainError } from '../../../shared/errors/domain-error.js';
import { ZodValidationPipe } from '../../../shared/validation/zod-validation.pipe.js';
import { OrchestratorProxy, wireActorOf } from '../../orchestrator-gateway/index.js';
import { ListAuditEventsQuery } from '../application/queries/list-audit-events/list-audit-events.query.js';
import { type ActivityPosition, activityCursor, type ActivityQuery, activityQuerySchema } from './activity-query.schema.js';
import { fromAuditPositionJson } from './audit-query.schema.js';
import { accessLogItemSchema, type ActivityRow, fromAccessLogItem, fromAuditEvent } from './activity-row.js';
import { type AccessHalf, type AuditHalf, mergeActivity } from './merge-activity.js';
import { isPersonActor, peopleBySubject } from './people-by-subject.js';

const ACCESS_LOG_LIST = 'dashboard.access-log.list';
/** Pages of the access log stepped over when a resumed page was already fully shown (limit changed between pages). */
const MAX_ACCESS_PAGE_HOPS = 3;

/**
 * The federated Activity view (platform-domain §4.6): the Platform's audit rows and the orchestrator's
 * access-log rows (read through the dashboard proxy, `dashboard.access-log.list`), newest first in one
 * list with one cursor. With `source=all`, an orchestrator that cannot answer leaves the Platform's half
 * and `partialResults: true`; with `source=access_log` its error is the answer.
 */
@Controller('api/v1/orgs/:orgId/activity')
export class ActivityController {
  constructor(
    private readonly queries: QueryBus,
    private readonly proxy: OrchestratorProxy,
    private readonly dataSource: DataSource,
  ) {}

  @RequirePermission('audit', 'read')
  @Get()
  async list(
    @Param('orgId') orgId: string,
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodValidationPipe(activityQuerySchema, 'query')) query: ActivityQuery,
  ): Promise<{ rows: ActivityRow[]; nextCursor: string | null; partialResults: boolean }> {
    const position = activityCursor.decode(query.cursor);
    // Audit rows have no outcome or origin: a filter on either selects access-log rows only.
    const wantsAudit = query.source !== 'access_log' && !query.outcome && !query.origin && position.audit !== null;
    const wantsAccess = query.source !== 'audit_log' && position.access !== null;

    const audit = wantsAudit ? await this.auditHalf(orgId, query, position) : null;
    let access: AccessHalf | null = null;
    let accessUnavailable = false;
    if (wantsAccess) {
      try {
        access = await this.accessHalf(orgId, principal, query, position.access!);
      } catch (error) {
        if (query.source === 'access_log' || !(error instanceof DomainError) || !error.code.startsWith('GATEWAY.')) throw error;
        accessUnavailable = true;
      }
    }
    const { rows, next } = mergeActivity({ limit: query.limit, position, audit, access, accessUnavailable });
    return { rows, nextCursor: next ? activityCursor.encode(next) : null, partialResults: accessUnavailable };
  }

  private async auditHalf(orgId: string, query: ActivityQuery, position: ActivityPosition): Promise<AuditHalf> {
    const { events, hasMore } = await this.queries.execute(
      new ListAuditEventsQuery({
        orgId,
        action: query.action,
        actorType: query.actorType,
        actorId: query.actorId,
        targetType: query.runId ? 'run' : query.targetType,
        targetId: query.runId ?? query.targetId,
        q: query.q,
        from: query.from ? new Date(query.from) : undefined,
        to: query.to ? new Date(query.to) : undefined,
        before: position.audit?.before ? fromAuditPositionJson(position.audit.before) : undefined,
        limit: query.limit,
      }),
    );
    return { rows: events.map(fromAuditEvent), hasMore };
  }

  private async accessHalf(orgId: string, principal: Principal, query: ActivityQuery, start: { cursor: string | null; skip: number }): Promise<AccessHalf> {
    let { cursor, skip } = start;
    for (let hop = 0; ; hop += 1) {
      const answer = await this.proxy.request(
        orgId,
        wireActorOf(principal),
        ACCESS_LOG_LIST,
        {
          orgId,
          actorType: query.actorType,
          actorId: query.actorId,
          action: query.action,
          source: query.origin,
          outcome: query.outcome,
          targetType: query.runId ? 'run' : query.targetType,
          targetId: query.runId ?? query.targetId,
          fromTimestamp: query.from,
          toTimestamp: query.to,
          q: query.q,
          limit: Math.min(200, skip + query.limit),
          cursor: cursor ?? undefined,
        },
        { cluster: query.orchestrator ?? null, defaultCluster: query.defaultCluster ?? null },
      );
      const items = (Array.isArray(answer.items) ? answer.items : []).flatMap((item) => {
        const parsed = accessLogItemSchema.safeParse(item);
        return parsed.success ? [parsed.data] : [];
      });
      const nextCursor = typeof answer.nextCursor === 'string' && answer.nextCursor.length <= 1000 ? answer.nextCursor : null;
      if (items.length <= skip && nextCursor !== null && hop < MAX_ACCESS_PAGE_HOPS) {
        [cursor, skip] = [nextCursor, 0];
        continue;
      }
      const people = await peopleBySubject(this.dataSource, items.filter((item) => isPersonActor(item.actorType)).map((item) => item.actorId));
      return { rows: items.slice(skip).map((item) => fromAccessLogItem(item, people)), cursor, skip, nextCursor };
    }
  }
}
