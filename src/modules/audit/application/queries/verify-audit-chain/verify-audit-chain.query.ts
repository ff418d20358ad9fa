import { Query } from '@nestjs/cqrs';
import type { ChainBreak } from '../../../domain/audit-chain.js';

export interface AuditChainVerification {
  readonly chainKey: string;
  /** Sealed rows that verify, from the start of the chain (up to the break, if there is one). */
  readonly rowsChecked: number;
  /** The first row that does not verify, or null when the whole sealed chain does. */
  readonly firstBreak: ChainBreak | null;
  /**
   * Committed rows not yet given their place in the chain (sealing follows each commit within moments, or
   * the periodic sweep after a crash). They are not covered by the hashes yet, so not checked.
   */
  readonly rowsPendingSeal: number;
}

/** Re-computes an org's audit chain (or the Platform chain for `null`) and reports the first broken row. */
export class VerifyAuditChainQuery extends Query<AuditChainVerification> {
  constructor(readonly orgId: string | null) {
    super();
  }
}
