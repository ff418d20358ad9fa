import { Module } from '@nestjs/common';
import { SeedOrgRolesHandler } from './application/commands/seed-org-roles/seed-org-roles.handler.js';
import { EffectiveAccessHandler } from './application/queries/effective-access/effective-access.handler.js';
import { UserRolesHandler } from './application/queries/user-roles/user-roles.handler.js';

/** Rbac: roles (permission matrices) and who holds them. */
@Module({ providers: [SeedOrgRolesHandler, UserRolesHandler, EffectiveAccessHandler] })
export class RbacModule {}
