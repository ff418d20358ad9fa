import type { EntityManager } from 'typeorm';

/** First key of the two-key advisory locks that serialise membership and role changes per organization. */
const ORG_MEMBERSHIP_LOCK_NAMESPACE = 0x6f726731;

/**
 * Holds, until the transaction ends, the lock every change of an organization's members and role
 * assignments takes first. "Never remove the last Owner" is then a check-then-act that concurrent
 * requests (on any replica) cannot interleave.
 */
export async function lockOrgMembership(manager: EntityManager, orgId: string): Promise<void> {
  await manager.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [ORG_MEMBERSHIP_LOCK_NAMESPACE, orgId]);
}
