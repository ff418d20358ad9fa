import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { type AuditEventView, ListAuditEventsQuery } from './list-audit-events.query.js';

const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (character) => `\\${character}`);

@QueryHandler(ListAuditEventsQuery)
export class ListAuditEventsHandler implements IQueryHandler<ListAuditEventsQuery, { events: AuditEventView[]; hasMore: boolean }> {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Newest first by time, then id; keyset pagination on that pair, so the next page neither repeats nor
   * skips rows while new ones are written. Not by `seq`: a row is listed from its commit on, before it is
   * sealed into the chain.
   */
  async execute({ filter }: ListAuditEventsQuery): Promise<{ events: AuditEventView[]; hasMore: boolean }> {
    // org_id (not chain_key, which equals it for an org) so the (org_id, occurred_at) index serves the order.
    const conditions = ['e.org_id = $1'];
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
    if (filter.before) {
      params.push(filter.before.occurredAt, filter.before.id);
      conditions.push(`(e.occurred_at, e.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(filter.limit + 1);

    const rows = (await this.dataSource.query(
      `SELECT e.id, e.seq, e.occurred_at AS "occurredAt", e.actor_type AS "actorType", e.actor_id AS "actorId",
              e.actor_display AS "actorDisplay", u.email AS "actorEmail", e.action, e.target_type AS "targetType",
              e.target_id AS "targetId", e.request_id AS "requestId", e.ip, e.user_agent AS "userAgent", e.payload
         FROM audit_events e
         LEFT JOIN users u ON e.actor_type = 'user' AND u.id::text = e.actor_id
        WHERE ${conditions.join(' AND ')}
        ORDER BY e.occurred_at DESC, e.id DESC
        LIMIT $${params.length}`,
      params,
    )) as (Omit<AuditEventView, 'occurredAt'> & { occurredAt: Date })[];
    const page = rows.slice(0, filter.limit);
    return { events: page.map((row) => ({ ...row, occurredAt: row.occurredAt.toISOString() })), hasMore: rows.length > filter.limit };
  }
}
