import { jest } from '@jest/globals';
import { Controller, Get } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { ExecutionContext } from '@nestjs/common';
import type { Principal } from './principal.js';
import type { OrgAccess, OrgAccessResolver } from './org-access.js';
import { LEVELS, RESOURCES } from './permissions.js';
import type { RequestAuthenticator } from './request-authenticator.js';
import { OrgMemberRoute, Public, RequirePermission, UserRoute } from './route-access.js';
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

  @OrgMemberRoute()
  @Get('orgs/:orgId')
  org(): void {}

  @RequirePermission('runs', 'write')
  @Get('orgs/:orgId/runs/:runId/cancel')
  cancel(): void {}
}

function accessWith(level: (typeof LEVELS)[number]): OrgAccess {
  return {
    orgId: 'org_aaaaaaaaaaaa',
    permissions: Object.fromEntries(RESOURCES.map((resource) => [resource, level])) as OrgAccess['permissions'],
    repoPatterns: ['*'],
    isOwner: false,
  };
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
  emailVerified: true,
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
  const authenticate = jest.fn<RequestAuthenticator['authenticate']>();
  const authenticator: RequestAuthenticator = { authenticate };
  const resolve = jest.fn<OrgAccessResolver['resolve']>();
  const guard = new RouteAccessGuard(new Reflector(), authenticator, { resolve });
  // As Nest calls it: inside an async function, so a refusal thrown synchronously is a rejection too.
  const activate = async (context: ExecutionContext): Promise<boolean> => guard.canActivate(context);

  beforeEach(() => {
    authenticate.mockReset();
    authenticate.mockResolvedValue(patUser);
    resolve.mockReset();
  });

  it('lets a public route through without authenticating', async () => {
    await expect(activate(httpContext(SampleController, 'open'))).resolves.toBe(true);
    expect(authenticate).not.toHaveBeenCalled();
  });

  it('takes the declaration of the controller', async () => {
    await expect(activate(httpContext(PublicController, 'index'))).resolves.toBe(true);
  });

  it('refuses a route without a declaration', async () => {
    await expect(activate(httpContext(SampleController, 'forgotten'))).rejects.toMatchObject({ code: 'AUTH.ROUTE_NOT_DECLARED' });
    expect(authenticate).not.toHaveBeenCalled();
  });

  it('authenticates a user route and leaves the principal on the request', async () => {
    const request: Record<string, unknown> = {};
    await expect(activate(httpContext(SampleController, 'mine', request))).resolves.toBe(true);
    expect(request.principal).toBe(patUser);
  });

  it('refuses a credential kind the route does not accept', async () => {
    await expect(activate(httpContext(SampleController, 'exchange'))).rejects.toMatchObject({ code: 'AUTH.CREDENTIAL_NOT_ACCEPTED' });
  });

  it('passes authentication failures on', async () => {
    authenticate.mockRejectedValue(Object.assign(new Error('Invalid token'), { code: 'AUTH.INVALID_TOKEN' }));
    await expect(activate(httpContext(SampleController, 'mine'))).rejects.toMatchObject({ code: 'AUTH.INVALID_TOKEN' });
  });

  it('resolves the organization of an org route from :orgId and leaves the access on the request', async () => {
    resolve.mockResolvedValue(accessWith('read'));
    const request: Record<string, unknown> = { params: { orgId: 'org_aaaaaaaaaaaa' } };
    await expect(activate(httpContext(SampleController, 'org', request))).resolves.toBe(true);
    expect(resolve).toHaveBeenCalledWith('org_aaaaaaaaaaaa', patUser);
    expect(request.orgAccess).toEqual(accessWith('read'));
  });

  it('refuses an org route below the declared level, naming what is needed', async () => {
    resolve.mockResolvedValue(accessWith('read'));
    const request = { params: { orgId: 'org_aaaaaaaaaaaa' } };
    await expect(activate(httpContext(SampleController, 'cancel', request))).rejects.toMatchObject({
      code: 'RBAC.FORBIDDEN',
      message: 'Insufficient permission: runs.write needed',
    });
  });

  it('lets the declared level and above through', async () => {
    for (const level of ['write', 'admin'] as const) {
      resolve.mockResolvedValue(accessWith(level));
      await expect(activate(httpContext(SampleController, 'cancel', { params: { orgId: 'org_aaaaaaaaaaaa' } }))).resolves.toBe(true);
    }
  });

  it('passes organization refusals on', async () => {
    resolve.mockRejectedValue(Object.assign(new Error('Not a member of this organization'), { code: 'ORGS.NOT_MEMBER' }));
    await expect(activate(httpContext(SampleController, 'org', { params: { orgId: 'org_zzzzzzzzzzzz' } }))).rejects.toMatchObject({
      code: 'ORGS.NOT_MEMBER',
    });
  });

  it('answers synchronously when the credential and the organization access are already known', () => {
    authenticate.mockReturnValue(patUser);
    resolve.mockReturnValue(accessWith('write'));
    const request: Record<string, unknown> = { params: { orgId: 'org_aaaaaaaaaaaa' } };
    expect(guard.canActivate(httpContext(SampleController, 'cancel', request))).toBe(true);
    expect(request.orgAccess).toEqual(accessWith('write'));
    expect(guard.canActivate(httpContext(SampleController, 'open'))).toBe(true);
  });

  it('refuses synchronously from known answers too', () => {
    authenticate.mockReturnValue(patUser);
    resolve.mockReturnValue(accessWith('read'));
    expect(() => guard.canActivate(httpContext(SampleController, 'cancel', { params: { orgId: 'org_aaaaaaaaaaaa' } }))).toThrow('Insufficient permission: runs.write needed');
  });
});
