import { Query } from '@nestjs/cqrs';
import type { Level } from '../../../../../shared/auth/permissions.js';

/**
 * Each active member's effective `ci_trust` level, by user id: what orchestrators need to decide who may
 * approve held runs (orchestrator-protocol §2.8 `memberCiTrustLevels`). Suspended members are left out.
 */
export class MemberCiTrustLevelsQuery extends Query<Record<string, Level>> {
  constructor(readonly orgId: string) {
    super();
  }
}
