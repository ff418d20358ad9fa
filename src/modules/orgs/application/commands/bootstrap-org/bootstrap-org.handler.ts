import { CommandBus, CommandHandler } from '@nestjs/cqrs';
import { TransactionalCommandHandler } from '../../../../../shared/cqrs/transactional-command-handler.js';
import { DomainError } from '../../../../../shared/errors/domain-error.js';
import { AssignRoleCommand } from '../../../../rbac/index.js';
import { slugBase } from '../../../domain/org-slug.js';
import { InviteEntity } from '../../../infrastructure/invite.entity.js';
import { OrgEntity } from '../../../infrastructure/org.entity.js';
import { toInviteView } from '../../invite-view.js';
import { OrgFounder } from '../../org-founder.js';
import { toOrgSummary } from '../../queries/get-org/get-org.query.js';
import { CreateInviteCommand } from '../create-invite/create-invite.command.js';
import { BootstrapOrgCommand, type BootstrapOrgResult, type BootstrapOwnerState } from './bootstrap-org.command.js';

@CommandHandler(BootstrapOrgCommand)
export class BootstrapOrgHandler extends TransactionalCommandHandler<BootstrapOrgCommand, BootstrapOrgResult> {
  constructor(
    private readonly founder: OrgFounder,
    private readonly commands: CommandBus,
  ) {
    super();
  }

  protected async handle(command: BootstrapOrgCommand): Promise<BootstrapOrgResult> {
    const { actor, displayName } = command;
    const manager = this.uow.manager;
    // The founder's slug lock, taken first: two bootstraps racing see each other's organization.
    await manager.query("SELECT pg_advisory_xact_lock(hashtext('kici:org-slug'))");
    const existing = await manager.findOne(OrgEntity, { where: { slug: slugBase(displayName), isPersonal: false } });
    const org = existing ?? (await this.founder.found(actor, null, displayName, false));
    if (org.disabledAt) throw new DomainError('ORGS.DISABLED', 'This organization is disabled', { disabledAt: org.disabledAt.toISOString() });
    return { org: toOrgSummary(org), orgCreated: existing === null, owner: await this.ensureOwner(command, org.id) };
  }

  private async ensureOwner({ actor, ownerEmail, inviteExpiresInDays }: BootstrapOrgCommand, orgId: string): Promise<BootstrapOwnerState> {
    const manager = this.uow.manager;
    const [ownerRole] = (await manager.query('SELECT id FROM roles WHERE org_id = $1 AND is_owner', [orgId])) as { id: string }[];
    if (!ownerRole) throw new Error(`Organization ${orgId} has no Owner role`);

    const [member] = (await manager.query(
      `SELECT m.user_id AS "userId",
              EXISTS (SELECT 1 FROM role_assignments a WHERE a.org_id = m.org_id AND a.user_id = m.user_id AND a.role_id = $3) AS "isOwner"
         FROM org_members m JOIN users u ON u.id = m.user_id
        WHERE m.org_id = $1 AND lower(u.email) = $2
        LIMIT 1`,
      [orgId, ownerEmail, ownerRole.id],
    )) as { userId: string; isOwner: boolean }[];
    if (member) {
      if (!member.isOwner) await this.commands.execute(new AssignRoleCommand(actor, orgId, member.userId, ownerRole.id));
      return { kind: 'owner', userId: member.userId, changed: !member.isOwner };
    }

    const pending = await manager
      .createQueryBuilder(InviteEntity, 'invite')
      .where("invite.org_id = :orgId AND invite.email = :email AND invite.status = 'pending' AND invite.expires_at > now()", { orgId, email: ownerEmail })
      .getOne();
    if (pending) {
      if (!pending.roleIds.includes(ownerRole.id)) {
        throw new DomainError('ORGS.INVITE_EXISTS', `${ownerEmail} already has a pending invitation without the Owner role; revoke it first`);
      }
      return { kind: 'invited', invite: toInviteView(pending), changed: false };
    }
    const invite = await this.commands.execute(new CreateInviteCommand(actor, orgId, ownerEmail, [ownerRole.id], inviteExpiresInDays, null));
    return { kind: 'invited', invite, changed: true };
  }
}
