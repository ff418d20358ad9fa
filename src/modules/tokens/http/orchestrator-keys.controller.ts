import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import picomatch from 'picomatch';
import { z } from 'zod';
import { CurrentPrincipal } from '../../../shared/auth/current-principal.decorator.js';
import { actorOf, type Principal } from '../../../shared/auth/principal.js';
import { RequirePermission } from '../../../shared/auth/route-access.js';
import { ZodValidationPipe } from '../../../shared/validation/zod-validation.pipe.js';
import { CreateOrchestratorKeyCommand } from '../application/commands/create-orchestrator-key/create-orchestrator-key.command.js';
import { RevokeOrchestratorKeyCommand } from '../application/commands/revoke-orchestrator-key/revoke-orchestrator-key.command.js';
import type { OrchestratorKeyView } from '../application/orchestrator-key-view.js';
import { ListOrchestratorKeysQuery } from '../application/queries/list-orchestrator-keys/list-orchestrator-keys.query.js';

const routingPattern = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .refine(
    (pattern) => {
      try {
        picomatch(pattern);
        return true;
      } catch {
        return false;
      }
    },
    { message: 'must be a valid glob' },
  );

const createOrchestratorKeySchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    description: z.string().trim().max(500).optional(),
    routingPatterns: z.array(routingPattern).max(100).optional(),
  })
  .strict();

/** Orchestrator keys (`kici_ok_`): what a customer's orchestrator presents on `/ws`. */
@Controller('api/v1/orgs/:orgId/orchestrator-keys')
export class OrchestratorKeysController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @RequirePermission('api_keys', 'read')
  @Get()
  async list(@Param('orgId') orgId: string): Promise<{ orchestratorKeys: OrchestratorKeyView[] }> {
    return { orchestratorKeys: await this.queries.execute(new ListOrchestratorKeysQuery(orgId)) };
  }

  /** The key is in the answer once (`key`); only its SHA-256 is kept. */
  @RequirePermission('api_keys', 'admin')
  @Post()
  create(
    @Param('orgId') orgId: string,
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodValidationPipe(createOrchestratorKeySchema)) body: z.infer<typeof createOrchestratorKeySchema>,
  ): Promise<OrchestratorKeyView & { key: string }> {
    return this.commands.execute(
      new CreateOrchestratorKeyCommand(
        actorOf(principal),
        orgId,
        body.name,
        body.description ?? null,
        body.routingPatterns ?? [],
        principal.kind === 'user' ? principal.userId : null,
      ),
    );
  }

  @RequirePermission('api_keys', 'admin')
  @Delete(':keyId')
  @HttpCode(204)
  async revoke(@Param('orgId') orgId: string, @Param('keyId') keyId: string, @CurrentPrincipal() principal: Principal): Promise<void> {
    await this.commands.execute(new RevokeOrchestratorKeyCommand(actorOf(principal), orgId, keyId));
  }
}
