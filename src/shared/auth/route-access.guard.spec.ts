import { jest } from '@jest/globals';
import { Controller, Get } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { ExecutionContext } from '@nestjs/common';
import type { Principal } from './principal.js';
import type { RequestAuthenticator } from './request-authenticator.js';
import { Public, UserRoute } from './route-access.js';
import { RouteAccessGuard } from './route-access.guard.js';

@Controller()
class SampleController {
  @Public()
  @Get('open')
  open(): void {}

  @Get('forgotten')
  forgotten(): void {}

  @UserRoute()
  @Get('mine')
  mine(): void {}

  @UserRoute(['oidc'])
  @Get('exchange')
  exchange(): void {}
}

@Public()
@Controller()
class PublicController {
  @Get()
  index(): void {}
}

const patUser: Principal = {
  kind: 'user',
  credential: 'pat',
  userId: 'u1',
  issuer: 'https://id',
  subject: 's1',
  email: 'ada@example.com',
  displayName: 'Ada',
  pat: { id: 'p1', kind: 'user', agentLabel: null, scopes: null },
};

function httpContext(controller: new () => object, handler: string, request: Record<string, unknown> = {}): ExecutionContext {
  return {
    getType: () => 'http',
    getClass: () => controller,
    getHandler: () => (controller.prototype as Record<string, unknown>)[handler],
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
}

describe('RouteAccessGuard', () => {
  const authenticate = jest.fn<(context: ExecutionContext) => Promise<Principal>>();
  const authenticator: RequestAuthenticator = { authenticate };
  const guard = new RouteAccessGuard(new Reflector(), authenticator);

  beforeEach(() => {
    authenticate.mockReset();
    authenticate.mockResolvedValue(patUser);
  });

  it('lets a public route through without authenticating', async () => {
    await expect(guard.canActivate(httpContext(SampleController, 'open'))).resolves.toBe(true);
    expect(authenticate).not.toHaveBeenCalled();
  });

  it('takes the declaration of the controller', async () => {
    await expect(guard.canActivate(httpContext(PublicController, 'index'))).resolves.toBe(true);
  });

  it('refuses a route without a declaration', async () => {
    await expect(guard.canActivate(httpContext(SampleController, 'forgotten'))).rejects.toMatchObject({ code: 'AUTH.ROUTE_NOT_DECLARED' });
    expect(authenticate).not.toHaveBeenCalled();
  });

  it('authenticates a user route and leaves the principal on the request', async () => {
    const request: Record<string, unknown> = {};
    await expect(guard.canActivate(httpContext(SampleController, 'mine', request))).resolves.toBe(true);
    expect(request.principal).toBe(patUser);
  });

  it('refuses a credential kind the route does not accept', async () => {
    await expect(guard.canActivate(httpContext(SampleController, 'exchange'))).rejects.toMatchObject({ code: 'AUTH.CREDENTIAL_NOT_ACCEPTED' });
  });

  it('passes authentication failures on', async () => {
    authenticate.mockRejectedValue(Object.assign(new Error('Invalid token'), { code: 'AUTH.INVALID_TOKEN' }));
    await expect(guard.canActivate(httpContext(SampleController, 'mine'))).rejects.toMatchObject({ code: 'AUTH.INVALID_TOKEN' });
  });
});
