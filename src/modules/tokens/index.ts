/**
 * Tokens module: personal access tokens. Other modules mint one with `CreatePatCommand` on the command bus,
 * resolve a presented token with `PatAuthenticator`, and use the token-format helpers to recognise
 * families and checksums without a database read.
 */
export { TokensModule } from './tokens.module.js';
export { PatAuthenticator, type AuthenticatedPat } from './application/pat-authenticator.js';
export { ApiKeyAuthenticator } from './application/api-key-authenticator.js';
export { ServiceAccountKeyAuthenticator } from './application/service-account-key-authenticator.js';
export { CreatePatCommand, type CreatedPat } from './application/commands/create-pat/create-pat.command.js';
export { claimedFamily, isWellFormedToken, type TokenFamily } from './domain/token-format.js';
export { OrchestratorKeyRevokedEvent } from './application/events/orchestrator-key.events.js';
export { OrchestratorKeyAuthenticator, type AuthenticatedOrchestratorKey } from './application/orchestrator-key-authenticator.js';
export { ApiKeyChangedEvent } from './application/events/api-key.events.js';
export { OrchestratorKeyCreatedEvent } from './application/events/orchestrator-key.events.js';
export { CreateOrchestratorKeyCommand } from './application/commands/create-orchestrator-key/create-orchestrator-key.command.js';
export { ListPatsQuery, type PatSummary } from './application/queries/list-pats/list-pats.query.js';
