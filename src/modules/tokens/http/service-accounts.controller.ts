import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { z } from 'zod';
import { CurrentOrgAccess, CurrentPrincipal } from '../../../shared/auth/current-principal.decorator.js';
import type { OrgAccess } from '../../../shared/auth/org-access.js';
import { actorOf, type Principal } from '../../../shared/auth/principal.js';
import { RequirePermission } from '../../../shared/auth/route-access.js';
import { DomainError } from '../../../shared/errors/domain-error.js';
import { ZodValidationPipe } from '../../../shared/validation/zod-validation.pipe.js';
import { AssignServiceAccountRoleCommand, firstExcess, ListRolesQuery, UnassignServiceAccountRoleCommand } from '../../rbac/index.js';
import {
  CreateServiceAccountCommand,
  CreateServiceAccountKeyCommand,
  DeleteServiceAccountCommand,
  RevokeServiceAccountKeyCommand,
  UpdateServiceAccountCommand,
} from '../application/commands/service-accounts/service-account.commands.js';
import { ListServiceAccountsQuery, type ServiceAccountView } from '../application/queries/list-service-accounts/list-service-accounts.query.js';

const createServiceAccountSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    description: z.string().trim().max(500).optional(),
    roleIds: z.array(z.uuid()).max(50).optional(),
  })
  .strict();

const updateServiceAccountSchema = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    description: z.string().trim().max(500).nullable().optional(),
  })
  .strict()
  .refine((body) => body.name !== undefined || body.description !== undefined, { message: 'Give name or description' });

@Controller('api/v1/orgs/:orgId/service-accounts')
export class ServiceAccountsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @RequirePermission('api_keys', 'read')
  @Get()
  async list(@Param('orgId') orgId: string): Promise<{ serviceAccounts: ServiceAccountView[] }> {
    return { serviceAccounts: await this.queries.execute(new ListServiceAccountsQuery(orgId)) };
  }

  @RequirePermission('api_keys', 'admin')
  @Post()
  async create(
    @Param('orgId') orgId: string,
    @CurrentPrincipal() principal: Principal,
    @CurrentOrgAccess() access: OrgAccess,
    @Body(new ZodValidationPipe(createServiceAccountSchema)) body: z.infer<typeof createServiceAccountSchema>,
  ): Promise<{ id: string; name: string }> {
    for (const roleId of body.roleIds ?? []) await this.refuseGrant(orgId, roleId, access);
    return this.commands.execute(
      new CreateServiceAccountCommand(actorOf(principal), orgId, body.name, body.description ?? null, body.roleIds ?? [], principal.kind === 'user' ? principal.userId : null),
    );
  }

  @RequirePermission('api_keys', 'admin')
  @Patch(':serviceAccountId')
  update(
    @Param('orgId') orgId: string,
    @Param('serviceAccountId') id: string,
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodValidationPipe(updateServiceAccountSchema)) body: z.infer<typeof updateServiceAccountSchema>,
  ): Promise<{ id: string; name: string; description: string | null }> {
    return this.commands.execute(new UpdateServiceAccountCommand(actorOf(principal), orgId, id, body));
  }

  @RequirePermission('api_keys', 'admin')
  @Delete(':serviceAccountId')
  @HttpCode(204)
  async remove(@Param('orgId') orgId: string, @Param('serviceAccountId') id: string, @CurrentPrincipal() principal: Principal): Promise<void> {
    await this.commands.execute(new DeleteServiceAccountCommand(actorOf(principal), orgId, id));
  }

  @RequirePermission('api_keys', 'admin')
  @Put(':serviceAccountId/roles/:roleId')
  @HttpCode(204)
  async assign(
    @Param('orgId') orgId: string,
    @Param('serviceAccountId') id: string,
    @Param('roleId') roleId: string,
    @CurrentPrincipal() principal: Principal,
    @CurrentOrgAccess() access: OrgAccess,
  ): Promise<void> {
    await this.refuseGrant(orgId, roleId, access);
    await this.commands.execute(new AssignServiceAccountRoleCommand(actorOf(principal), orgId, id, roleId));
  }

  @RequirePermission('api_keys', 'admin')
  @Delete(':serviceAccountId/roles/:roleId')
  @HttpCode(204)
  async unassign(@Param('orgId') orgId: string, @Param('serviceAccountId') id: string, @Param('roleId') roleId: string, @CurrentPrincipal() principal: Principal): Promise<void> {
    await this.commands.execute(new UnassignServiceAccountRoleCommand(actorOf(principal), orgId, id, roleId));
  }

  /** The key is in the answer once (`key`); only its SHA-256 is kept. */
  @RequirePermission('api_keys', 'admin')
  @Post(':serviceAccountId/keys')
  createKey(@Param('orgId') orgId: string, @Param('serviceAccountId') id: string, @CurrentPrincipal() principal: Principal): Promise<{ id: string; key: string; prefix: string }> {
    return this.commands.execute(new CreateServiceAccountKeyCommand(actorOf(principal), orgId, id));
  }

  @RequirePermission('api_keys', 'admin')
  @Delete(':serviceAccountId/keys/:keyId')
  @HttpCode(204)
  async revokeKey(@Param('orgId') orgId: string, @Param('serviceAccountId') id: string, @Param('keyId') keyId: string, @CurrentPrincipal() principal: Principal): Promise<void> {
    await this.commands.execute(new RevokeServiceAccountKeyCommand(actorOf(principal), orgId, id, keyId));
  }

  /** A non-Owner may give a service account at most what they hold. */
  private async refuseGrant(orgId: string, roleId: string, access: OrgAccess): Promise<void> {
    if (access.isOwner) return;
    const role = (await this.queries.execute(new ListRolesQuery(orgId))).find((candidate) => candidate.id === roleId);
    const excess = role ? firstExcess(role.permissions, access.permissions) : null;
    if (excess) throw new DomainError('RBAC.FORBIDDEN', `Cannot grant more than you hold: ${excess.resource}.${excess.level}`);
  }
}
