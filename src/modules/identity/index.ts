/**
 * Identity module: users and authentication. It provides the `REQUEST_AUTHENTICATOR` the global route
 * access guard uses, and raises `UserCreatedEvent` when someone signs in for the first time.
 */
export { IdentityModule } from './identity.module.js';
export { UserCreatedEvent } from './application/events/user-created.event.js';
export { IssuerResolver } from './oidc/issuer-resolver.js';
export { SignInUserCommand } from './application/commands/sign-in-user/sign-in-user.command.js';
export type { VerifiedIdentity } from './oidc/verified-identity.js';
