import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config.js';
import { setSecurityHeaders } from '../../../shared/http/api-security-headers.js';
import { collapseSlashes } from '../../../shared/http/collapse-slashes.js';
import { DEV_IDP_MOUNT, IssuerResolver } from '../oidc/issuer-resolver.js';
import { DevAccounts } from './dev-accounts.js';
import { DEV_IDP_CONTENT_SECURITY_POLICY, deviceCodeConfirmPage, deviceCodeInputPage, deviceSuccessPage, loginPage } from './dev-idp-pages.js';
import { loadDevIdpSecrets } from './dev-idp-keys.js';
import { DevIdpMemoryStore } from './dev-idp-memory-adapter.js';

/** The public client the kici CLI uses (`KICI_OIDC_CLIENT_ID` defaults to it). */
export const CLI_CLIENT_ID = 'kici-cli';
const SCOPES = ['openid', 'profile', 'email', 'offline_access'];
const MAX_FORM_BYTES = 16 * 1024;

type RawRequest = IncomingMessage & { originalUrl?: string };

async function readForm(request: IncomingMessage): Promise<URLSearchParams> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_FORM_BYTES) throw new Error('form too large');
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/**
 * A development OpenID provider (`oidc-provider`) served by the Platform itself under `<base>/oidc` when no
 * external issuer is configured and NODE_ENV is not production: discovery, JWKS, authorization with PKCE
 * and loopback redirects, the device grant, UserInfo, and RS256 JWT access tokens for the public client
 * `kici-cli`. Its login page asks only for an email; `KICI_DEV_AUTO_LOGIN` skips even that.
 */
@Injectable()
export class DevIdentityProvider implements OnModuleInit {
  private readonly logger = new Logger('DevIdentityProvider');
  private readonly accounts = new DevAccounts();
  private provider: Promise<Provider> | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly issuers: IssuerResolver,
    private readonly httpAdapterHost: HttpAdapterHost,
  ) {}

  onModuleInit(): void {
    if (!this.issuers.usesDevProvider) return;
    if (this.config.nodeEnv === 'production') {
      throw new Error('Refusing to serve the development identity provider with NODE_ENV=production; set KICI_OIDC_ISSUER');
    }
    this.logger.warn(`Serving the DEVELOPMENT identity provider at ${this.config.http.basePath}${DEV_IDP_MOUNT}: anyone can sign in as anyone`);
    const mount = `${this.config.http.basePath}${DEV_IDP_MOUNT}`;
    const fastify = this.httpAdapterHost.httpAdapter.getInstance<FastifyInstance>();
    // Before routing and body parsing: the provider reads its own request bodies.
    // The mount's last segment, which any spelling of its path (repeated slashes included) contains.
    const mountName = DEV_IDP_MOUNT.slice(DEV_IDP_MOUNT.lastIndexOf('/'));
    fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done) => {
      // Every request passes here: the API's skip the path normalisation below with one substring test.
      if (!(request.raw.url ?? '').includes(mountName)) return done();
      const url = collapseSlashes(request.raw.url ?? '/');
      const path = url.split('?')[0]!;
      if (path !== mount && !path.startsWith(`${mount}/`)) return done();
      reply.hijack();
      void this.serve(request.raw, reply.raw, url, mount);
    });
  }

  private async serve(request: RawRequest, response: ServerResponse, url: string, mount: string): Promise<void> {
    try {
      // A hijacked reply: the API's headers are written here, then its deny-all policy is replaced.
      setSecurityHeaders(response);
      // Replaces the API's deny-all policy: these pages need their inline style and (device approval) script,
      // and their forms end in redirects to the CLI's loopback callback, which `form-action` would block.
      response.setHeader('content-security-policy', DEV_IDP_CONTENT_SECURITY_POLICY);
      const provider = await this.instance();
      request.originalUrl = url;
      request.url = url.slice(mount.length) || '/';
      const interaction = /^\/interaction\/([A-Za-z0-9_-]+)$/.exec(request.url.split('?')[0]!);
      if (interaction) {
        await this.interact(provider, request, response, `${mount}/interaction/${interaction[1]}`);
        return;
      }
      provider.callback()(request, response);
    } catch (error) {
      this.logger.error(error instanceof Error ? error : String(error));
      if (!response.headersSent) {
        response.writeHead(500, { 'content-type': 'text/plain' }).end('Development identity provider error');
      }
    }
  }

  /** Login (and, for safety, consent) prompts of the provider, answered by our own page. */
  private async interact(provider: Provider, request: RawRequest, response: ServerResponse, action: string): Promise<void> {
    const details = await provider.interactionDetails(request, response);
    if (details.prompt.name === 'login') {
      let email = this.config.oidc.devAutoLoginEmail;
      let name: string | undefined;
      if (!email && request.method === 'POST') {
        const form = await readForm(request);
        email = form.get('email')?.trim() || null;
        name = form.get('name') ?? undefined;
        if (!email || !/^[^\s@]+@[^\s@]+$/.test(email) || email.length > 320) {
          response.writeHead(400, { 'content-type': 'text/html; charset=utf-8' }).end(loginPage(action, 'Enter a valid email address.'));
          return;
        }
      }
      if (!email) {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(loginPage(action));
        return;
      }
      const account = this.accounts.signIn(email, name);
      await provider.interactionFinished(request, response, { login: { accountId: account.accountId } }, { mergeWithLastSubmission: false });
      return;
    }
    // The CLI is a first-party client: consent is granted without asking.
    const grant = new provider.Grant({ accountId: details.session!.accountId, clientId: details.params.client_id as string });
    grant.addOIDCScope(SCOPES.join(' '));
    const grantId = await grant.save();
    await provider.interactionFinished(request, response, { consent: { grantId } }, { mergeWithLastSubmission: true });
  }

  /** Built on first use: the issuer contains the port, known only once the server listens. */
  private instance(): Promise<Provider> {
    this.provider ??= this.build().catch((error: unknown) => {
      this.provider = null;
      throw error;
    });
    return this.provider;
  }

  private async build(): Promise<Provider> {
    const secrets = await loadDevIdpSecrets(this.config.dataDir);
    const issuer = this.issuers.issuer();
    const audience = `${this.issuers.publicOrigin()}${this.config.http.basePath}`;
    const autoLogin = this.config.oidc.devAutoLoginEmail !== null;
    const accounts = this.accounts;

    const store = new DevIdpMemoryStore();
    const configuration: Configuration = {
      adapter: (model: string) => store.adapterFor(model),
      clients: [
        {
          client_id: CLI_CLIENT_ID,
          client_name: 'kici CLI',
          application_type: 'native',
          token_endpoint_auth_method: 'none',
          redirect_uris: ['http://127.0.0.1/callback', 'http://localhost/callback'],
          grant_types: ['authorization_code', 'refresh_token', 'urn:ietf:params:oauth:grant-type:device_code'],
          response_types: ['code'],
        },
      ],
      jwks: { keys: [secrets.signingKey as never] },
      cookies: { keys: secrets.cookieKeys },
      scopes: SCOPES,
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
      findAccount: (_ctx: KoaContextWithOIDC, id: string) => {
        const account = accounts.find(id);
        return { accountId: account.accountId, claims: () => ({ sub: account.accountId, email: account.email, email_verified: true, name: account.name }) };
      },
      // Like Keycloak, put the profile in the access token: the Platform reads email and name from it.
      extraTokenClaims: (_ctx, token) => {
        const accountId = (token as { accountId?: string }).accountId;
        if (!accountId) return undefined;
        const account = accounts.find(accountId);
        return { email: account.email, email_verified: true, name: account.name };
      },
      interactions: { url: (_ctx: KoaContextWithOIDC, interaction) => `${this.config.http.basePath}${DEV_IDP_MOUNT}/interaction/${interaction.uid}` },
      loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
        // First-party client: every sign-in carries the full grant, so no consent screen appears.
        const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
        grant.addOIDCScope(SCOPES.join(' '));
        grant.addResourceScope(audience, SCOPES.join(' '));
        await grant.save();
        return grant;
      },
      features: {
        devInteractions: { enabled: false },
        userinfo: { enabled: true },
        deviceFlow: {
          enabled: true,
          userCodeInputSource: (ctx, form, _out, error) => {
            ctx.body = deviceCodeInputPage(form, Boolean(error));
          },
          userCodeConfirmSource: (ctx, form, _client, _device, userCode) => {
            ctx.body = deviceCodeConfirmPage(form, userCode, autoLogin);
          },
          successSource: (ctx) => {
            ctx.body = deviceSuccessPage();
          },
        },
        resourceIndicators: {
          enabled: true,
          defaultResource: () => audience,
          useGrantedResource: () => true,
          getResourceServerInfo: () => ({
            scope: SCOPES.join(' '),
            audience,
            accessTokenFormat: 'jwt',
            accessTokenTTL: 3600,
            jwt: { sign: { alg: 'RS256' } },
          }),
        },
        rpInitiatedLogout: { enabled: false },
      },
      ttl: { AccessToken: 3600, AuthorizationCode: 300, DeviceCode: 600, IdToken: 3600, Interaction: 3600, Grant: 14 * 86400, Session: 14 * 86400, RefreshToken: 14 * 86400 },
      renderError: (ctx, output) => {
        ctx.type = 'application/json';
        ctx.body = output;
      },
    };
    const provider = new Provider(issuer, configuration);
    provider.proxy = this.config.http.trustProxy;
    this.logger.log(`Development identity provider issuer: ${issuer}`);
    return provider;
  }
}
