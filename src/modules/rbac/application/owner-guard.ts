import type { EntityManager } from 'typeorm';
import { DomainError } from '../../../shared/errors/domain-error.js';

/**
 * Refuses a change that would leave `orgId` without an active (not suspended) Owner: `leaving` are the
 * users about to lose the Owner role, their membership, or their access. The caller holds the
 * organization's membership lock.
 */
export async function refuseLastOwner(manager: EntityManager, orgId: string, leaving: readonly string[]): Promise<void> {
  const owners = (await manager.query(
    `SELECT a.user_id AS "userId"
       FROM role_assignments a
       JOIN roles r ON r.id = a.role_id
       JOIN org_members m ON m.org_id = a.org_id AND m.user_id = a.user_id
      WHERE a.org_id = $1 AND r.is_owner AND m.suspended_at IS NULL`,
    [orgId],
  )) as { userId: string }[];
  if (owners.length > 0 && owners.every((owner) => leaving.includes(owner.userId))) {
    throw new DomainError('RBAC.LAST_OWNER', 'An organization must keep at least one Owner');
  }
}
