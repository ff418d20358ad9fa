import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { REQUEST_AUTHENTICATOR } from '../../shared/auth/request-authenticator.js';
import { TokensModule } from '../tokens/index.js';
import { RecordAuthFailureHandler } from './application/commands/record-auth-failure/record-auth-failure.handler.js';
import { SignInUserHandler } from './application/commands/sign-in-user/sign-in-user.handler.js';
import { UserDirectory } from './application/user-directory.js';
import { AuthFailureRecorder, authFailureMetricProvider } from './auth/auth-failure-recorder.js';
import { BearerAuthGuard } from './auth/bearer-auth.guard.js';
import { FailedAuthLimiter } from './auth/failed-auth-limiter.js';
import { BearerTokenResolver } from './auth/bearer-token-resolver.js';
import { BearerStrategy } from './auth/bearer.strategy.js';
import { DevIdentityProvider } from './dev-idp/dev-identity-provider.js';
import { CliController } from './http/cli.controller.js';
import { UserController } from './http/user.controller.js';
import { IssuerResolver } from './oidc/issuer-resolver.js';
import { OidcDiscovery } from './oidc/oidc-discovery.js';
import { OidcTokenVerifier } from './oidc/oidc-token-verifier.js';

/**
 * Identity: who is calling. Users (from the identity provider), bearer authentication for every route
 * that is not public, the `kici login` token exchange, and the development identity provider.
 */
@Module({
  imports: [PassportModule, TokensModule],
  controllers: [CliController, UserController],
  providers: [
    IssuerResolver,
    OidcDiscovery,
    OidcTokenVerifier,
    UserDirectory,
    SignInUserHandler,
    RecordAuthFailureHandler,
    AuthFailureRecorder,
    authFailureMetricProvider,
    BearerTokenResolver,
    BearerStrategy,
    BearerAuthGuard,
    FailedAuthLimiter,
    DevIdentityProvider,
    { provide: REQUEST_AUTHENTICATOR, useExisting: BearerAuthGuard },
  ],
  exports: [REQUEST_AUTHENTICATOR, IssuerResolver],
})
export class IdentityModule {}
