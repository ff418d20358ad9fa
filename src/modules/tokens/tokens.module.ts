import { Module } from '@nestjs/common';
import { ApiKeyAuthenticator } from './application/api-key-authenticator.js';
import { CreateApiKeyHandler } from './application/commands/create-api-key/create-api-key.handler.js';
import { RevokeApiKeyHandler } from './application/commands/revoke-api-key/revoke-api-key.handler.js';
import { ListApiKeysHandler } from './application/queries/list-api-keys/list-api-keys.handler.js';
import { ApiKeysController } from './http/api-keys.controller.js';
import { CreateOrchestratorKeyHandler } from './application/commands/create-orchestrator-key/create-orchestrator-key.handler.js';
import { RevokeOrchestratorKeyHandler } from './application/commands/revoke-orchestrator-key/revoke-orchestrator-key.handler.js';
import { ListOrchestratorKeysHandler } from './application/queries/list-orchestrator-keys/list-orchestrator-keys.handler.js';
import { OrchestratorKeysController } from './http/orchestrator-keys.controller.js';
import {
  CreateServiceAccountHandler,
  CreateServiceAccountKeyHandler,
  DeleteServiceAccountHandler,
  RevokeServiceAccountKeyHandler,
  UpdateServiceAccountHandler,
} from './application/commands/service-accounts/service-account.handlers.js';
import { ListServiceAccountsHandler } from './application/queries/list-service-accounts/list-service-accounts.handler.js';
import { ServiceAccountKeyAuthenticator } from './application/service-account-key-authenticator.js';
import { ServiceAccountsController } from './http/service-accounts.controller.js';
import { OrchestratorKeyAuthenticator } from './application/orchestrator-key-authenticator.js';
import { CreatePatHandler } from './application/commands/create-pat/create-pat.handler.js';
import { RevokePatHandler } from './application/commands/revoke-pat/revoke-pat.handler.js';
import { PatAuthenticator } from './application/pat-authenticator.js';
import { ListPatsHandler } from './application/queries/list-pats/list-pats.handler.js';
import { PatsController } from './http/pats.controller.js';

/** Tokens: personal access tokens (`kici_pat_`), user API keys (`kici_sk_`), the token format, and their authentication. */
@Module({
  controllers: [PatsController, ApiKeysController, OrchestratorKeysController, ServiceAccountsController],
  providers: [
    CreatePatHandler,
    RevokePatHandler,
    ListPatsHandler,
    PatAuthenticator,
    CreateApiKeyHandler,
    RevokeApiKeyHandler,
    ListApiKeysHandler,
    ApiKeyAuthenticator,
    CreateOrchestratorKeyHandler,
    RevokeOrchestratorKeyHandler,
    ListOrchestratorKeysHandler,
    CreateServiceAccountHandler,
    DeleteServiceAccountHandler,
    CreateServiceAccountKeyHandler,
    RevokeServiceAccountKeyHandler,
    UpdateServiceAccountHandler,
    ListServiceAccountsHandler,
    ServiceAccountKeyAuthenticator,
    OrchestratorKeyAuthenticator,
  ],
  exports: [PatAuthenticator, ApiKeyAuthenticator, ServiceAccountKeyAuthenticator, OrchestratorKeyAuthenticator],
})
export class TokensModule {}
