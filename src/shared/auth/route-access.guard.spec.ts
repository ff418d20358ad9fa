import { Controller, Get } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { ExecutionContext } from '@nestjs/common';
import { Public } from './route-access.js';
import { RouteAccessGuard } from './route-access.guard.js';

@Controller()
class SampleController {
  @Public()
  @Get('open')
  open(): void {}

  @Get('forgotten')
  forgotten(): void {}
}

@Public()
@Controller()
class PublicController {
  @Get()
  index(): void {}
}

function httpContext(controller: new () => object, handler: string): ExecutionContext {
  return {
    getType: () => 'http',
    getClass: () => controller,
    getHandler: () => (controller.prototype as Record<string, unknown>)[handler],
  } as unknown as ExecutionContext;
}

describe('RouteAccessGuard', () => {
  const guard = new RouteAccessGuard(new Reflector());

  it('lets a public route through', () => {
    expect(guard.canActivate(httpContext(SampleController, 'open'))).toBe(true);
  });

  it('takes the declaration of the controller', () => {
    expect(guard.canActivate(httpContext(PublicController, 'index'))).toBe(true);
  });

  it('refuses a route without a declaration', () => {
    expect(() => guard.canActivate(httpContext(SampleController, 'forgotten'))).toThrow(
      expect.objectContaining({ code: 'AUTH.ROUTE_NOT_DECLARED' }),
    );
  });
});
