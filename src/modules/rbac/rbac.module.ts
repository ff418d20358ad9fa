import { Module } from '@nestjs/common';
import { AssignRoleHandler } from './application/commands/assign-role/assign-role.handler.js';
import {
  AssignServiceAccountRoleHandler,
  UnassignServiceAccountRoleHandler,
} from './application/commands/assign-service-account-role/assign-service-account-role.handler.js';
import { CreateRoleHandler } from './application/commands/create-role/create-role.handler.js';
import { DeleteRoleHandler } from './application/commands/delete-role/delete-role.handler.js';
import { SeedOrgRolesHandler } from './application/commands/seed-org-roles/seed-org-roles.handler.js';
import { UnassignRoleHandler } from './application/commands/unassign-role/unassign-role.handler.js';
import { UpdateRoleHandler } from './application/commands/update-role/update-role.handler.js';
import { EffectiveAccessHandler } from './application/queries/effective-access/effective-access.handler.js';
import { ListRolesHandler } from './application/queries/list-roles/list-roles.handler.js';
import { MemberCiTrustLevelsHandler } from './application/queries/member-ci-trust-levels/member-ci-trust-levels.handler.js';
import { MemberRolesHandler } from './application/queries/member-roles/member-roles.handler.js';
import { ServiceAccountAccessHandler } from './application/queries/service-account-access/service-account-access.handler.js';
import { ServiceAccountRolesHandler } from './application/queries/service-account-roles/service-account-roles.handler.js';
import { UserRolesHandler } from './application/queries/user-roles/user-roles.handler.js';
import { RolesController } from './http/roles.controller.js';

/** Rbac: roles (permission matrices), who holds them, and what that lets them do. */
@Module({
  controllers: [RolesController],
  providers: [
    SeedOrgRolesHandler,
    CreateRoleHandler,
    UpdateRoleHandler,
    DeleteRoleHandler,
    AssignRoleHandler,
    UnassignRoleHandler,
    UserRolesHandler,
    EffectiveAccessHandler,
    ListRolesHandler,
    MemberRolesHandler,
    MemberCiTrustLevelsHandler,
    AssignServiceAccountRoleHandler,
    UnassignServiceAccountRoleHandler,
    ServiceAccountAccessHandler,
    ServiceAccountRolesHandler,
  ],
})
export class RbacModule {}
