import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { z } from 'zod';
import { CurrentOrgAccess, CurrentUser } from '../../../shared/auth/current-principal.decorator.js';
import type { OrgAccess } from '../../../shared/auth/org-access.js';
import { levelRank } from '../../../shared/auth/permissions.js';
import { actorOf, type UserPrincipal } from '../../../shared/auth/principal.js';
import { RequirePermission } from '../../../shared/auth/route-access.js';
import { DomainError } from '../../../shared/errors/domain-error.js';
import { ZodValidationPipe } from '../../../shared/validation/zod-validation.pipe.js';
import { firstExcess } from '../../rbac/index.js';
import type { ApiKeyView } from '../application/api-key-view.js';
import { CreateApiKeyCommand } from '../application/commands/create-api-key/create-api-key.command.js';
import { RevokeApiKeyCommand } from '../application/commands/revoke-api-key/revoke-api-key.command.js';
import { ListApiKeysQuery } from '../application/queries/list-api-keys/list-api-keys.query.js';
import { permissionMatrixSchema } from './pat-request.schema.js';

const createApiKeySchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    description: z.string().trim().max(500).optional(),
    permissions: permissionMatrixSchema,
  })
  .strict();

/** User API keys (`kici_sk_`) of an organization. Only people create them: a key cannot mint keys. */
@Controller('api/v1/orgs/:orgId/api-keys')
export class ApiKeysController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @RequirePermission('api_keys', 'read')
  @Get()
  async list(@Param('orgId') orgId: string): Promise<{ apiKeys: ApiKeyView[] }> {
    return { apiKeys: await this.queries.execute(new ListApiKeysQuery(orgId)) };
  }

  /** Each requested level must be at most the creator's effective level (403 naming the resource otherwise). */
  @RequirePermission('api_keys', 'write')
  @Post()
  create(
    @Param('orgId') orgId: string,
    @CurrentUser() principal: UserPrincipal,
    @CurrentOrgAccess() access: OrgAccess,
    @Body(new ZodValidationPipe(createApiKeySchema)) body: z.infer<typeof createApiKeySchema>,
  ): Promise<ApiKeyView & { token: string }> {
    const excess = firstExcess(body.permissions, access.permissions);
    if (excess) throw new DomainError('RBAC.FORBIDDEN', `Cannot grant more than you hold: ${excess.resource}.${excess.level}`);
    return this.commands.execute(
      new CreateApiKeyCommand(actorOf(principal), orgId, principal.userId, body.name, body.description ?? null, body.permissions),
    );
  }

  /** Your own keys with api_keys:write; anyone's with api_keys:admin. */
  @RequirePermission('api_keys', 'write')
  @Delete(':keyId')
  @HttpCode(204)
  async revoke(@Param('orgId') orgId: string, @Param('keyId') keyId: string, @CurrentUser() principal: UserPrincipal, @CurrentOrgAccess() access: OrgAccess): Promise<void> {
    const any = levelRank(access.permissions.api_keys) >= levelRank('admin');
    await this.commands.execute(new RevokeApiKeyCommand(actorOf(principal), orgId, keyId, principal.userId, any));
  }
}
