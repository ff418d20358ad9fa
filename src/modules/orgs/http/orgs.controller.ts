import { Body, Controller, Get, HttpCode, Post, Patch, Param } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { z } from 'zod';
import { CurrentOrgAccess, CurrentPrincipal, CurrentUser } from '../../../shared/auth/current-principal.decorator.js';
import type { OrgAccess } from '../../../shared/auth/org-access.js';
import { actorOf, type Principal, type UserPrincipal } from '../../../shared/auth/principal.js';
import { OrgMemberRoute, RequirePermission, UserRoute } from '../../../shared/auth/route-access.js';
import { DomainError } from '../../../shared/errors/domain-error.js';
import { ZodValidationPipe } from '../../../shared/validation/zod-validation.pipe.js';
import { CreateOrgCommand } from '../application/commands/create-org/create-org.command.js';
import { DisableOrgCommand } from '../application/commands/disable-org/disable-org.command.js';
import { RenameOrgCommand } from '../application/commands/rename-org/rename-org.command.js';
import { GetOrgQuery, type OrgSummary } from '../application/queries/get-org/get-org.query.js';
import { ListUserOrgsQuery, type UserOrg } from '../application/queries/list-user-orgs/list-user-orgs.query.js';

const orgName = z.string().trim().min(1).max(100);
const createOrgSchema = z.object({ name: orgName }).strict();
const renameOrgSchema = z.object({ displayName: orgName }).strict();

/** The caller's view of an organization: the organization and what they may do in it. */
export interface OrgDetail extends OrgSummary {
  readonly isOwner: boolean;
  readonly permissions: OrgAccess['permissions'];
  readonly repoPatterns: readonly string[];
}

@Controller('api/v1/orgs')
export class OrgsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @UserRoute()
  @Get()
  async list(@CurrentUser() principal: UserPrincipal): Promise<{ orgs: UserOrg[] }> {
    return { orgs: await this.queries.execute(new ListUserOrgsQuery(principal.userId)) };
  }

  /** Any user may create an organization; they become its Owner. */
  @UserRoute()
  @Post()
  create(@CurrentUser() principal: UserPrincipal, @Body(new ZodValidationPipe(createOrgSchema)) body: z.infer<typeof createOrgSchema>): Promise<OrgSummary> {
    return this.commands.execute(new CreateOrgCommand(actorOf(principal), principal.userId, body.name));
  }

  @OrgMemberRoute()
  @Get(':orgId')
  async get(@Param('orgId') orgId: string, @CurrentOrgAccess() access: OrgAccess): Promise<OrgDetail> {
    const org = await this.queries.execute(new GetOrgQuery(orgId));
    return { ...org, isOwner: access.isOwner, permissions: access.permissions, repoPatterns: access.repoPatterns };
  }

  @RequirePermission('org_settings', 'admin')
  @Patch(':orgId')
  rename(
    @Param('orgId') orgId: string,
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodValidationPipe(renameOrgSchema)) body: z.infer<typeof renameOrgSchema>,
  ): Promise<OrgSummary> {
    return this.commands.execute(new RenameOrgCommand(actorOf(principal), orgId, body.displayName));
  }

  /** Owners only: afterwards every organization route answers 403 with `disabledAt`. */
  @RequirePermission('org_settings', 'admin')
  @Post(':orgId/disable')
  @HttpCode(204)
  async disable(@Param('orgId') orgId: string, @CurrentPrincipal() principal: Principal, @CurrentOrgAccess() access: OrgAccess): Promise<void> {
    if (!access.isOwner) throw new DomainError('ORGS.OWNER_REQUIRED', 'Only an Owner can disable the organization');
    await this.commands.execute(new DisableOrgCommand(actorOf(principal), orgId));
  }
}
