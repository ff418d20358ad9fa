/**
 * Rbac module: roles and role assignments. It depends on no other domain module; Orgs drives it through
 * `SeedOrgRolesCommand`, asks it `UserRolesQuery`, `EffectiveAccessQuery` and `MemberRolesQuery`, and
 * uses `refuseLastOwner` inside its membership transactions.
 */
export { RbacModule } from './rbac.module.js';
export { SeedOrgRolesCommand } from './application/commands/seed-org-roles/seed-org-roles.command.js';
export { AssignRoleCommand } from './application/commands/assign-role/assign-role.command.js';
export { ListRolesQuery } from './application/queries/list-roles/list-roles.query.js';
export { firstExcess } from './domain/grant-bounds.js';
export type { RoleView } from './domain/role-view.js';
export { UserRolesQuery, type OrgRoles } from './application/queries/user-roles/user-roles.query.js';
export { EffectiveAccessQuery } from './application/queries/effective-access/effective-access.query.js';
export { MemberRolesQuery, type RoleAssignmentView } from './application/queries/member-roles/member-roles.query.js';
export { MemberCiTrustLevelsQuery } from './application/queries/member-ci-trust-levels/member-ci-trust-levels.query.js';
export { RoleChangedEvent } from './application/events/role.events.js';
export { refuseLastOwner } from './application/owner-guard.js';
export { OWNER_ROLE, MEMBER_ROLE } from './domain/built-in-roles.js';
export type { EffectiveAccess } from './domain/effective-permissions.js';
export {
  AssignServiceAccountRoleCommand,
  UnassignServiceAccountRoleCommand,
} from './application/commands/assign-service-account-role/assign-service-account-role.command.js';
export { ServiceAccountAccessQuery } from './application/queries/service-account-access/service-account-access.query.js';
export { ServiceAccountRolesQuery } from './application/queries/service-account-roles/service-account-roles.query.js';
