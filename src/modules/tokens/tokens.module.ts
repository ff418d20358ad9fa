import { Module } from '@nestjs/common';
import { CreatePatHandler } from './application/commands/create-pat/create-pat.handler.js';
import { RevokePatHandler } from './application/commands/revoke-pat/revoke-pat.handler.js';
import { PatAuthenticator } from './application/pat-authenticator.js';
import { ListPatsHandler } from './application/queries/list-pats/list-pats.handler.js';
import { PatsController } from './http/pats.controller.js';

/** Tokens: personal access tokens (`kici_pat_`), their format, and their authentication. */
@Module({
  controllers: [PatsController],
  providers: [CreatePatHandler, RevokePatHandler, ListPatsHandler, PatAuthenticator],
  exports: [PatAuthenticator],
})
export class TokensModule {}
