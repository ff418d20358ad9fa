import { Module } from '@nestjs/common';
import { CreatePersonalOrgHandler } from './application/event-handlers/create-personal-org.handler.js';
import { ListUserOrgsHandler } from './application/queries/list-user-orgs/list-user-orgs.handler.js';
import { UserOrgsController } from './http/user-orgs.controller.js';

/** Orgs: organizations (tenants) and their members. */
@Module({
  controllers: [UserOrgsController],
  providers: [CreatePersonalOrgHandler, ListUserOrgsHandler],
})
export class OrgsModule {}
