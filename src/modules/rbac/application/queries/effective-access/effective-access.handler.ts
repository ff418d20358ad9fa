import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { effectiveAccess, type EffectiveAccess, type HeldRole } from '../../../domain/effective-permissions.js';
import { EffectiveAccessQuery } from './effective-access.query.js';

@QueryHandler(EffectiveAccessQuery)
export class EffectiveAccessHandler implements IQueryHandler<EffectiveAccessQuery, EffectiveAccess> {
  constructor(private readonly dataSource: DataSource) {}

  /** Read on every request (no cache): a role change takes effect on the member's next request. */
  async execute({ orgId, userId, cap }: EffectiveAccessQuery): Promise<EffectiveAccess> {
    const roles = (await this.dataSource.query(
      `SELECT r.permissions, r.repo_patterns AS "repoPatterns", r.is_owner AS "isOwner"
         FROM role_assignments a JOIN roles r ON r.id = a.role_id
        WHERE a.org_id = $1 AND a.user_id = $2`,
      [orgId, userId],
    )) as HeldRole[];
    return effectiveAccess(roles, cap);
  }
}
