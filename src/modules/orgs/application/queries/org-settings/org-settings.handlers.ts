import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { OrgEntity } from '../../../infrastructure/org.entity.js';
import { TrustPolicyEntity } from '../../../infrastructure/trust-policy.entity.js';
import {
  type BillingView,
  DEFAULT_TRUST_POLICY,
  GetBillingQuery,
  GetSupportAccessQuery,
  GetTrustPolicyQuery,
  type TrustPolicyView,
} from './org-settings.queries.js';

export function toTrustPolicyView(policy: TrustPolicyEntity | null): TrustPolicyView {
  if (!policy) return DEFAULT_TRUST_POLICY;
  const { forkPolicy, unknownContributorPolicy, workflowChangePolicy, approvalExpiryHours, updatedAt } = policy;
  return { forkPolicy, unknownContributorPolicy, workflowChangePolicy, approvalExpiryHours, updatedAt: updatedAt.toISOString() };
}

@QueryHandler(GetTrustPolicyQuery)
export class GetTrustPolicyHandler implements IQueryHandler<GetTrustPolicyQuery, TrustPolicyView> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ orgId }: GetTrustPolicyQuery): Promise<TrustPolicyView> {
    return toTrustPolicyView(await this.dataSource.getRepository(TrustPolicyEntity).findOneBy({ orgId }));
  }
}

@QueryHandler(GetBillingQuery)
export class GetBillingHandler implements IQueryHandler<GetBillingQuery, BillingView> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ orgId }: GetBillingQuery): Promise<BillingView> {
    const [usage] = (await this.dataSource.query(
      `SELECT (SELECT count(*) FROM org_members WHERE org_id = $1)::int AS members,
              (SELECT count(*) FROM service_accounts WHERE org_id = $1)::int AS "serviceAccounts",
              (SELECT count(*) FROM user_api_keys WHERE org_id = $1 AND revoked_at IS NULL)::int AS "apiKeys",
              (SELECT count(*) FROM orchestrator_keys WHERE org_id = $1 AND revoked_at IS NULL)::int AS "orchestratorKeys",
              (SELECT count(*) FROM invites WHERE org_id = $1 AND status = 'pending' AND expires_at > now())::int AS "pendingInvites"`,
      [orgId],
    )) as BillingView['usage'][];
    return { plan: 'self-hosted', limits: {}, usage: usage! };
  }
}

@QueryHandler(GetSupportAccessQuery)
export class GetSupportAccessHandler implements IQueryHandler<GetSupportAccessQuery, { enabled: boolean }> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ orgId }: GetSupportAccessQuery): Promise<{ enabled: boolean }> {
    const org = await this.dataSource.getRepository(OrgEntity).findOneByOrFail({ id: orgId });
    return { enabled: org.supportAccessEnabled };
  }
}
