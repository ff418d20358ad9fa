/**
 * Audit: the append-only, per-org hash-chained record of every mutation. Other modules never write it
 * directly: they raise events that implement `Auditable`, and the projection here writes the row in the
 * same transaction; the row is sealed into its org's hash chain shortly after commit. Read side:
 * `VerifyAuditChainQuery` through the query bus.
 */
export { AuditModule } from './audit.module.js';
export { VerifyAuditChainQuery, type AuditChainVerification } from './application/queries/verify-audit-chain/verify-audit-chain.query.js';
export type { ChainBreak } from './domain/audit-chain.js';
