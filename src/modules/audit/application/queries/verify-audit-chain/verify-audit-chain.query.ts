import { Query } from '@nestjs/cqrs';
import type { ChainBreak } from '../../../domain/audit-chain.js';

export interface AuditChainVerification {
  readonly chainKey: string;
  readonly rowsChecked: number;
  /** The first row that does not verify, or null when the whole chain does. */
  readonly firstBreak: ChainBreak | null;
}

/** Re-computes an org's audit chain (or the Platform chain for `null`) and reports the first broken row. */
export class VerifyAuditChainQuery extends Query<AuditChainVerification> {
  constructor(readonly orgId: string | null) {
    super();
  }
}
