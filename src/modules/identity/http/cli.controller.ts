import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { z } from 'zod';
import { CurrentUser } from '../../../shared/auth/current-principal.decorator.js';
import { actorOf, type UserPrincipal } from '../../../shared/auth/principal.js';
import { UserRoute } from '../../../shared/auth/route-access.js';
import { ZodValidationPipe } from '../../../shared/validation/zod-validation.pipe.js';
import { CreatePatCommand, type CreatedPat } from '../../tokens/index.js';

const exchangeTokenSchema = z.object({ machineName: z.string().trim().min(1).max(100) }).strict();

/** The one Platform call of `kici login` (cli-contract §1.6). */
@Controller('api/v1/cli')
export class CliController {
  constructor(private readonly commands: CommandBus) {}

  /**
   * Trades an identity-provider access token for a personal access token named after the machine, with
   * the default lifetime. PATs and API keys are refused here: a token cannot mint its own successor.
   */
  @UserRoute(['oidc'])
  @Post('exchange-token')
  exchangeToken(
    @CurrentUser() principal: UserPrincipal,
    @Body(new ZodValidationPipe(exchangeTokenSchema)) body: z.infer<typeof exchangeTokenSchema>,
  ): Promise<CreatedPat> {
    return this.commands.execute(
      new CreatePatCommand(actorOf(principal), principal.userId, {
        name: body.machineName,
        kind: 'user',
        agentLabel: null,
        expiresInDays: null,
        scopes: null,
      }),
    );
  }
}
