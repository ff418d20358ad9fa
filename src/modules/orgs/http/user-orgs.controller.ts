import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { CurrentUser } from '../../../shared/auth/current-principal.decorator.js';
import type { UserPrincipal } from '../../../shared/auth/principal.js';
import { UserRoute } from '../../../shared/auth/route-access.js';
import { ListUserOrgsQuery, type UserOrg } from '../application/queries/list-user-orgs/list-user-orgs.query.js';

@UserRoute()
@Controller('api/v1/user/orgs')
export class UserOrgsController {
  constructor(private readonly queries: QueryBus) {}

  /** `kici org list|use|current` (cli-contract §3.2). */
  @Get()
  async list(@CurrentUser() principal: UserPrincipal): Promise<{ orgs: UserOrg[] }> {
    return { orgs: await this.queries.execute(new ListUserOrgsQuery(principal.userId)) };
  }
}
