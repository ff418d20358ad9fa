import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import type { OrgAccess, OrgAccessResolver } from '../../../../shared/auth/org-access.js';
import type { Principal } from '../../../../shared/auth/principal.js';
import { DomainError } from '../../../../shared/errors/domain-error.js';
import { ORG_ID_PATTERN } from '../../../../shared/ids/org-id.js';
import { EffectiveAccessQuery } from '../../../rbac/index.js';

const notMember = (): DomainError => new DomainError('ORGS.NOT_MEMBER', 'Not a member of this organization');

/**
 * The organization context of a request (platform-domain §3.4): membership, disabled organization,
 * suspended member, then effective permissions from Rbac. An unknown id and a foreign organization give
 * the same answer.
 */
@Injectable()
export class OrgAccessService implements OrgAccessResolver {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queries: QueryBus,
  ) {}

  async resolve(orgId: string, principal: Principal): Promise<OrgAccess> {
    if (!ORG_ID_PATTERN.test(orgId)) throw notMember();
    const [membership] = (await this.dataSource.query(
      `SELECT o.disabled_at AS "disabledAt", m.suspended_at AS "suspendedAt"
         FROM org_members m JOIN orgs o ON o.id = m.org_id
        WHERE m.org_id = $1 AND m.user_id = $2`,
      [orgId, principal.userId],
    )) as { disabledAt: Date | null; suspendedAt: Date | null }[];
    if (!membership) throw notMember();
    if (membership.disabledAt) {
      throw new DomainError('ORGS.DISABLED', 'This organization is disabled', { disabledAt: membership.disabledAt.toISOString() });
    }
    if (membership.suspendedAt) throw new DomainError('ORGS.MEMBER_SUSPENDED', 'Your membership of this organization is suspended');
    const access = await this.queries.execute(new EffectiveAccessQuery(orgId, principal.userId, principal.pat?.scopes ?? null));
    return { orgId, ...access };
  }
}
