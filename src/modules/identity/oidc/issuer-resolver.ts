import { Inject, Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { AddressInfo } from 'node:net';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config.js';

/** Where the development identity provider is mounted, under the base path. */
export const DEV_IDP_MOUNT = '/oidc';

/**
 * The issuer whose tokens the Platform accepts: the configured `KICI_OIDC_ISSUER`, or else the development
 * provider this process serves at `<public origin><base path>/oidc`. The public origin defaults to
 * `http://127.0.0.1:<port>` with the port the server actually listens on (so port 0 works).
 */
@Injectable()
export class IssuerResolver {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly httpAdapterHost: HttpAdapterHost,
  ) {}

  get usesDevProvider(): boolean {
    return this.config.oidc.issuer === null;
  }

  issuer(): string {
    return this.config.oidc.issuer ?? `${this.publicOrigin()}${this.config.http.basePath}${DEV_IDP_MOUNT}`;
  }

  publicOrigin(): string {
    if (this.config.publicUrl) return this.config.publicUrl;
    const address = this.httpAdapterHost.httpAdapter.getHttpServer().address() as AddressInfo | null;
    return `http://127.0.0.1:${address?.port ?? this.config.http.port}`;
  }
}
