import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { CurrentUser } from '../../../shared/auth/current-principal.decorator.js';
import { actorOf, type UserPrincipal } from '../../../shared/auth/principal.js';
import { UserRoute } from '../../../shared/auth/route-access.js';
import { DomainError } from '../../../shared/errors/domain-error.js';
import { ZodValidationPipe } from '../../../shared/validation/zod-validation.pipe.js';
import { CreatePatCommand, type CreatedPat } from '../application/commands/create-pat/create-pat.command.js';
import { RevokePatCommand } from '../application/commands/revoke-pat/revoke-pat.command.js';
import { ListPatsQuery, type PatSummary } from '../application/queries/list-pats/list-pats.query.js';
import { type CreatePatBody, createPatSchema, patIdSchema } from './pat-request.schema.js';

/** The caller's own personal access tokens. */
@UserRoute()
@Controller('api/v1/pats')
export class PatsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  create(@CurrentUser() principal: UserPrincipal, @Body(new ZodValidationPipe(createPatSchema)) body: CreatePatBody): Promise<CreatedPat> {
    if (principal.pat?.kind === 'agent') {
      throw new DomainError('TOKENS.AGENT_CANNOT_MINT', 'Agent tokens cannot create personal access tokens');
    }
    return this.commands.execute(
      new CreatePatCommand(actorOf(principal), principal.userId, {
        name: body.name,
        kind: body.kind,
        agentLabel: body.agentLabel ?? null,
        expiresInDays: body.expiresInDays ?? null,
        scopes: body.scopes ?? null,
      }),
    );
  }

  @Get()
  async list(@CurrentUser() principal: UserPrincipal): Promise<{ pats: PatSummary[] }> {
    return { pats: await this.queries.execute(new ListPatsQuery(principal.userId)) };
  }

  @Delete(':id')
  @HttpCode(204)
  async revoke(@CurrentUser() principal: UserPrincipal, @Param('id') id: string): Promise<void> {
    if (!patIdSchema.safeParse(id).success) throw new DomainError('TOKENS.PAT_NOT_FOUND', 'Personal access token not found');
    await this.commands.execute(new RevokePatCommand(actorOf(principal), principal.userId, id));
  }
}
