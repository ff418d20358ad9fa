import type { EntityManager } from 'typeorm';
import { DomainError } from '../../../shared/errors/domain-error.js';
import { isUuid } from '../../../shared/ids/uuid-v7.js';
import { OrgMemberEntity } from '../infrastructure/org-member.entity.js';

/** A member of `orgId`; anyone else (other orgs' users included) is "not found". */
export async function memberOfOrg(manager: EntityManager, orgId: string, userId: string): Promise<OrgMemberEntity> {
  const member = isUuid(userId) ? await manager.findOne(OrgMemberEntity, { where: { orgId, userId } }) : null;
  if (!member) throw new DomainError('ORGS.MEMBER_NOT_FOUND', 'Member not found');
  return member;
}

/** Whether `userId` holds the Owner role in `orgId`. */
export async function isOwnerOf(manager: EntityManager, orgId: string, userId: string): Promise<boolean> {
  const rows = (await manager.query(
    'SELECT 1 FROM role_assignments a JOIN roles r ON r.id = a.role_id WHERE a.org_id = $1 AND a.user_id = $2 AND r.is_owner',
    [orgId, userId],
  )) as unknown[];
  return rows.length > 0;
}
