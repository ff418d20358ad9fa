import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { z } from 'zod';
import { CurrentOrgAccess, CurrentPrincipal, CurrentUser } from '../../../shared/auth/current-principal.decorator.js';
import type { OrgAccess } from '../../../shared/auth/org-access.js';
import { actorOf, type Principal, type UserPrincipal } from '../../../shared/auth/principal.js';
import { RequirePermission, UserRoute } from '../../../shared/auth/route-access.js';
import { DomainError } from '../../../shared/errors/domain-error.js';
import { ZodValidationPipe } from '../../../shared/validation/zod-validation.pipe.js';
import { firstExcess, ListRolesQuery, MEMBER_ROLE } from '../../rbac/index.js';
import { CreateInviteCommand } from '../application/commands/create-invite/create-invite.command.js';
import { RespondToInviteCommand } from '../application/commands/respond-to-invite/respond-to-invite.command.js';
import { RevokeInviteCommand } from '../application/commands/revoke-invite/revoke-invite.command.js';
import type { InviteView } from '../application/invite-view.js';
import { ListOrgInvitesQuery, ListPendingInvitesQuery, type PendingInviteView } from '../application/queries/list-invites/list-invites.query.js';

const createInviteSchema = z
  .object({
    email: z.email().max(320).transform((email) => email.toLowerCase()),
    roleIds: z.array(z.uuid()).max(50).optional(),
    expiresInDays: z.number().int().min(1).max(30).default(7),
  })
  .strict();

type CreateInviteBody = z.infer<typeof createInviteSchema>;

@Controller('api/v1/orgs/:orgId/invites')
export class OrgInvitesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @RequirePermission('members', 'read')
  @Get()
  async list(@Param('orgId') orgId: string): Promise<{ invites: InviteView[] }> {
    return { invites: await this.queries.execute(new ListOrgInvitesQuery(orgId)) };
  }

  /** Roles must be this organization's; a non-Owner may not invite into Owner or above their own level. */
  @RequirePermission('members', 'write')
  @Post()
  async create(
    @Param('orgId') orgId: string,
    @CurrentPrincipal() principal: Principal,
    @CurrentOrgAccess() access: OrgAccess,
    @Body(new ZodValidationPipe(createInviteSchema)) body: CreateInviteBody,
  ): Promise<InviteView> {
    const roles = await this.queries.execute(new ListRolesQuery(orgId));
    const roleIds = body.roleIds ?? roles.filter((role) => role.name === MEMBER_ROLE.name && !role.isOwner).map((role) => role.id);
    for (const roleId of roleIds) {
      const role = roles.find((candidate) => candidate.id === roleId);
      if (!role) {
        throw new DomainError('HTTP.VALIDATION_FAILED', 'Invalid request body', { fields: [{ path: 'roleIds', message: `no role ${roleId} in this organization` }] });
      }
      if (!access.isOwner && role.isOwner) throw new DomainError('ORGS.OWNER_REQUIRED', 'Only an Owner can invite Owners');
      const excess = access.isOwner ? null : firstExcess(role.permissions, access.permissions);
      if (excess) throw new DomainError('RBAC.FORBIDDEN', `Cannot grant more than you hold: ${excess.resource}.${excess.level}`);
    }
    return this.commands.execute(new CreateInviteCommand(actorOf(principal), orgId, body.email, roleIds, body.expiresInDays, principal.kind === 'user' ? principal.userId : null));
  }

  @RequirePermission('members', 'write')
  @Delete(':inviteId')
  @HttpCode(204)
  async revoke(@Param('orgId') orgId: string, @Param('inviteId') inviteId: string, @CurrentPrincipal() principal: Principal): Promise<void> {
    await this.commands.execute(new RevokeInviteCommand(actorOf(principal), orgId, inviteId));
  }
}

/** The invitee's side: invitations addressed to the caller's verified email. */
@UserRoute()
@Controller('api/v1/invites')
export class UserInvitesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get('pending')
  async pending(@CurrentUser() principal: UserPrincipal): Promise<{ invites: PendingInviteView[] }> {
    if (!principal.email || !principal.emailVerified) return { invites: [] };
    return { invites: await this.queries.execute(new ListPendingInvitesQuery(principal.email)) };
  }

  @Post(':inviteId/accept')
  @HttpCode(200)
  accept(@Param('inviteId') inviteId: string, @CurrentUser() principal: UserPrincipal): Promise<{ orgId: string }> {
    return this.commands.execute(new RespondToInviteCommand(actorOf(principal), inviteId, principal, true));
  }

  @Post(':inviteId/decline')
  @HttpCode(200)
  decline(@Param('inviteId') inviteId: string, @CurrentUser() principal: UserPrincipal): Promise<{ orgId: string }> {
    return this.commands.execute(new RespondToInviteCommand(actorOf(principal), inviteId, principal, false));
  }
}
