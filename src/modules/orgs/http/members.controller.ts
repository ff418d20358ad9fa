import { Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { CurrentOrgAccess, CurrentPrincipal } from '../../../shared/auth/current-principal.decorator.js';
import type { OrgAccess } from '../../../shared/auth/org-access.js';
import { actorOf, type Principal } from '../../../shared/auth/principal.js';
import { OrgMemberRoute, RequirePermission } from '../../../shared/auth/route-access.js';
import { RemoveMemberCommand } from '../application/commands/remove-member/remove-member.command.js';
import { SetMemberSuspensionCommand } from '../application/commands/set-member-suspension/set-member-suspension.command.js';
import { ListMembersQuery, type MemberView } from '../application/queries/list-members/list-members.query.js';

@Controller('api/v1/orgs/:orgId/members')
export class MembersController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @RequirePermission('members', 'read')
  @Get()
  async list(@Param('orgId') orgId: string): Promise<{ members: MemberView[] }> {
    return { members: await this.queries.execute(new ListMembersQuery(orgId)) };
  }

  /** Any member may leave (unless they are the last Owner); removing someone else needs members:admin. */
  @OrgMemberRoute()
  @Delete(':userId')
  @HttpCode(204)
  async remove(
    @Param('orgId') orgId: string,
    @Param('userId') userId: string,
    @CurrentPrincipal() principal: Principal,
    @CurrentOrgAccess() access: OrgAccess,
  ): Promise<void> {
    await this.commands.execute(new RemoveMemberCommand(actorOf(principal), orgId, userId, principal.kind === 'user' ? principal.userId : null, access));
  }

  @RequirePermission('members', 'admin')
  @Post(':userId/suspend')
  @HttpCode(204)
  async suspend(
    @Param('orgId') orgId: string,
    @Param('userId') userId: string,
    @CurrentPrincipal() principal: Principal,
    @CurrentOrgAccess() access: OrgAccess,
  ): Promise<void> {
    await this.commands.execute(new SetMemberSuspensionCommand(actorOf(principal), orgId, userId, true, access));
  }

  @RequirePermission('members', 'admin')
  @Post(':userId/unsuspend')
  @HttpCode(204)
  async unsuspend(
    @Param('orgId') orgId: string,
    @Param('userId') userId: string,
    @CurrentPrincipal() principal: Principal,
    @CurrentOrgAccess() access: OrgAccess,
  ): Promise<void> {
    await this.commands.execute(new SetMemberSuspensionCommand(actorOf(principal), orgId, userId, false, access));
  }
}
