import { Query } from '@nestjs/cqrs';
import type { ForkPolicy, UnknownContributorPolicy, WorkflowChangePolicy } from '../../../infrastructure/trust-policy.entity.js';

export interface TrustPolicyView {
  readonly forkPolicy: ForkPolicy;
  readonly unknownContributorPolicy: UnknownContributorPolicy;
  readonly workflowChangePolicy: WorkflowChangePolicy;
  readonly approvalExpiryHours: number;
  /** null while the organization runs on the defaults. */
  readonly updatedAt: string | null;
}

/** The documented defaults (platform-domain §1.14): hold everything unknown, approvals expire after 72 h. */
export const DEFAULT_TRUST_POLICY: TrustPolicyView = {
  forkPolicy: 'hold',
  unknownContributorPolicy: 'hold',
  workflowChangePolicy: 'hold',
  approvalExpiryHours: 72,
  updatedAt: null,
};

export class GetTrustPolicyQuery extends Query<TrustPolicyView> {
  constructor(readonly orgId: string) {
    super();
  }
}

/** A self-hosted Platform has no plans or caps; it reports what the organization uses. */
export interface BillingView {
  readonly plan: 'self-hosted';
  readonly limits: Record<string, never>;
  readonly usage: { members: number; serviceAccounts: number; apiKeys: number; orchestratorKeys: number; pendingInvites: number };
}

export class GetBillingQuery extends Query<BillingView> {
  constructor(readonly orgId: string) {
    super();
  }
}

export class GetSupportAccessQuery extends Query<{ enabled: boolean }> {
  constructor(readonly orgId: string) {
    super();
  }
}
