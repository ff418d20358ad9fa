import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import type { Level } from '../../../../../shared/auth/permissions.js';
import { effectiveAccess, type HeldRole } from '../../../domain/effective-permissions.js';
import { MemberCiTrustLevelsQuery } from './member-ci-trust-levels.query.js';

@QueryHandler(MemberCiTrustLevelsQuery)
export class MemberCiTrustLevelsHandler implements IQueryHandler<MemberCiTrustLevelsQuery, Record<string, Level>> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ orgId }: MemberCiTrustLevelsQuery): Promise<Record<string, Level>> {
    const rows = (await this.dataSource.query(
      `SELECT a.user_id AS "userId", r.permissions, r.repo_patterns AS "repoPatterns", r.is_owner AS "isOwner"
         FROM role_assignments a
         JOIN roles r ON r.id = a.role_id
         JOIN org_members m ON m.org_id = a.org_id AND m.user_id = a.user_id AND m.suspended_at IS NULL
        WHERE a.org_id = $1`,
      [orgId],
    )) as (HeldRole & { userId: string })[];
    const rolesByUser = new Map<string, HeldRole[]>();
    for (const { userId, ...role } of rows) rolesByUser.set(userId, [...(rolesByUser.get(userId) ?? []), role]);
    // Same union rule as every request's access check, so the orchestrator and the Platform agree.
    return Object.fromEntries([...rolesByUser].map(([userId, roles]) => [userId, effectiveAccess(roles, null).permissions.ci_trust]));
  }
}
