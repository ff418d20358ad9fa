import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { CurrentOrgAccess, CurrentPrincipal } from '../../../shared/auth/current-principal.decorator.js';
import type { OrgAccess } from '../../../shared/auth/org-access.js';
import type { PermissionMatrix } from '../../../shared/auth/permissions.js';
import { actorOf, type Principal } from '../../../shared/auth/principal.js';
import { RequirePermission } from '../../../shared/auth/route-access.js';
import { DomainError } from '../../../shared/errors/domain-error.js';
import { ZodValidationPipe } from '../../../shared/validation/zod-validation.pipe.js';
import { AssignRoleCommand } from '../application/commands/assign-role/assign-role.command.js';
import { CreateRoleCommand } from '../application/commands/create-role/create-role.command.js';
import { DeleteRoleCommand } from '../application/commands/delete-role/delete-role.command.js';
import { UnassignRoleCommand } from '../application/commands/unassign-role/unassign-role.command.js';
import { UpdateRoleCommand } from '../application/commands/update-role/update-role.command.js';
import { ListRolesQuery } from '../application/queries/list-roles/list-roles.query.js';
import { firstExcess } from '../domain/grant-bounds.js';
import type { RoleView } from '../domain/role-view.js';
import { type CreateRoleBody, createRoleSchema, type UpdateRoleBody, updateRoleSchema } from './role.schemas.js';

/** A non-Owner may hand out, through roles, at most what they hold themselves. */
function refuseEscalation(access: OrgAccess, permissions: PermissionMatrix | undefined): void {
  if (access.isOwner || !permissions) return;
  const excess = firstExcess(permissions, access.permissions);
  if (excess) throw new DomainError('RBAC.FORBIDDEN', `Cannot grant more than you hold: ${excess.resource}.${excess.level}`);
}

@Controller('api/v1/orgs/:orgId')
export class RolesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @RequirePermission('members', 'read')
  @Get('roles')
  async list(@Param('orgId') orgId: string): Promise<{ roles: RoleView[] }> {
    return { roles: await this.queries.execute(new ListRolesQuery(orgId)) };
  }

  @RequirePermission('members', 'admin')
  @Post('roles')
  create(
    @Param('orgId') orgId: string,
    @CurrentPrincipal() principal: Principal,
    @CurrentOrgAccess() access: OrgAccess,
    @Body(new ZodValidationPipe(createRoleSchema)) body: CreateRoleBody,
  ): Promise<RoleView> {
    refuseEscalation(access, body.permissions);
    return this.commands.execute(
      new CreateRoleCommand(actorOf(principal), orgId, {
        name: body.name,
        description: body.description ?? null,
        permissions: body.permissions,
        repoPatterns: body.repoPatterns ?? ['*'],
      }),
    );
  }

  @RequirePermission('members', 'admin')
  @Patch('roles/:roleId')
  update(
    @Param('orgId') orgId: string,
    @Param('roleId') roleId: string,
    @CurrentPrincipal() principal: Principal,
    @CurrentOrgAccess() access: OrgAccess,
    @Body(new ZodValidationPipe(updateRoleSchema)) body: UpdateRoleBody,
  ): Promise<RoleView> {
    refuseEscalation(access, body.permissions);
    return this.commands.execute(new UpdateRoleCommand(actorOf(principal), orgId, roleId, body));
  }

  @RequirePermission('members', 'admin')
  @Delete('roles/:roleId')
  @HttpCode(204)
  async remove(@Param('orgId') orgId: string, @Param('roleId') roleId: string, @CurrentPrincipal() principal: Principal): Promise<void> {
    await this.commands.execute(new DeleteRoleCommand(actorOf(principal), orgId, roleId));
  }

  @RequirePermission('members', 'admin')
  @Put('members/:userId/roles/:roleId')
  @HttpCode(204)
  async assign(
    @Param('orgId') orgId: string,
    @Param('userId') userId: string,
    @Param('roleId') roleId: string,
    @CurrentPrincipal() principal: Principal,
    @CurrentOrgAccess() access: OrgAccess,
  ): Promise<void> {
    await this.refuseGrantingRole(orgId, roleId, access);
    await this.commands.execute(new AssignRoleCommand(actorOf(principal), orgId, userId, roleId));
  }

  @RequirePermission('members', 'admin')
  @Delete('members/:userId/roles/:roleId')
  @HttpCode(204)
  async unassign(
    @Param('orgId') orgId: string,
    @Param('userId') userId: string,
    @Param('roleId') roleId: string,
    @CurrentPrincipal() principal: Principal,
    @CurrentOrgAccess() access: OrgAccess,
  ): Promise<void> {
    await this.refuseGrantingRole(orgId, roleId, access);
    await this.commands.execute(new UnassignRoleCommand(actorOf(principal), orgId, userId, roleId));
  }

  /** Only Owners hand out or take away Owner; others only roles within their own permissions. */
  private async refuseGrantingRole(orgId: string, roleId: string, access: OrgAccess): Promise<void> {
    if (access.isOwner) return;
    const role = (await this.queries.execute(new ListRolesQuery(orgId))).find((candidate) => candidate.id === roleId);
    if (!role) return; // the command answers "Role not found"
    if (role.isOwner) throw new DomainError('ORGS.OWNER_REQUIRED', 'Only an Owner can grant or remove the Owner role');
    refuseEscalation(access, role.permissions);
  }
}
