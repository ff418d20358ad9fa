import type { InviteEntity, InviteStatus } from '../infrastructure/invite.entity.js';

export interface InviteView {
  readonly id: string;
  readonly orgId: string;
  readonly email: string;
  readonly roleIds: string[];
  /** `expired` is derived: a pending invitation past its expiry. */
  readonly status: InviteStatus | 'expired';
  readonly invitedBy: string | null;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly respondedAt: string | null;
}

export function toInviteView(invite: InviteEntity, now = Date.now()): InviteView {
  return {
    id: invite.id,
    orgId: invite.orgId,
    email: invite.email,
    roleIds: invite.roleIds,
    status: invite.status === 'pending' && invite.expiresAt.getTime() <= now ? 'expired' : invite.status,
    invitedBy: invite.invitedBy,
    createdAt: invite.createdAt.toISOString(),
    expiresAt: invite.expiresAt.toISOString(),
    respondedAt: invite.respondedAt?.toISOString() ?? null,
  };
}
