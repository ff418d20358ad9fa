import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { type AuditEventView, ListAuditEventsQuery } from './list-audit-events.query.js';

const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (character) => `\\${character}`);

@QueryHandler(ListAuditEventsQuery)
export class ListAuditEventsHandler implements IQueryHandler<ListAuditEventsQuery, { events: AuditEventView[]; hasMore: boolean }> {
  constructor(private readonly dataSource: DataSource) {}

  /** Keyset pagination on the chain's `seq` (unique per org), so pages stay stable while rows are appended. */
  async execute({ filter }: ListAuditEventsQuery): Promise<{ events: AuditEventView[]; hasMore: boolean }> {
    const conditions = ['e.chain_key = $1'];
    const params: unknown[] = [filter.orgId];
    const add = (sql: string, value: unknown): void => {
      params.push(value);
      conditions.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.action?.endsWith('*')) add("e.action LIKE ? ESCAPE '\\'", `${escapeLike(filter.action.slice(0, -1))}%`);
    else if (filter.action) add('e.action = ?', filter.action);
    if (filter.actorType) add('e.actor_type = ?', filter.actorType);
    if (filter.actorId) add('e.actor_id = ?', filter.actorId);
    if (filter.targetType) add('e.target_type = ?', filter.targetType);
    if (filter.targetId) add('e.target_id = ?', filter.targetId);
    if (filter.q) add("e.payload::text ILIKE ? ESCAPE '\\'", `%${escapeLike(filter.q)}%`);
    if (filter.from) add('e.occurred_at >= ?', filter.from);
    if (filter.to) add('e.occurred_at < ?', filter.to);
    if (filter.beforeSeq) add('e.seq < ?', filter.beforeSeq);
    params.push(filter.limit + 1);

    const rows = (await this.dataSource.query(
      `SELECT e.id, e.seq, e.occurred_at AS "occurredAt", e.actor_type AS "actorType", e.actor_id AS "actorId",
              e.actor_display AS "actorDisplay", u.email AS "actorEmail", e.action, e.target_type AS "targetType",
              e.target_id AS "targetId", e.request_id AS "requestId", e.ip, e.user_agent AS "userAgent", e.payload
         FROM audit_events e
         LEFT JOIN users u ON e.actor_type = 'user' AND u.id::text = e.actor_id
        WHERE ${conditions.join(' AND ')}
        ORDER BY e.seq DESC
        LIMIT $${params.length}`,
      params,
    )) as (Omit<AuditEventView, 'occurredAt'> & { occurredAt: Date })[];
    const page = rows.slice(0, filter.limit);
    return { events: page.map((row) => ({ ...row, occurredAt: row.occurredAt.toISOString() })), hasMore: rows.length > filter.limit };
  }
}
