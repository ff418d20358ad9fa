/**
 * Orgs module: organizations and memberships. Raises `OrgCreatedEvent`; answers `ListUserOrgsQuery`.
 * Depends on Identity (new users get a personal org) and Rbac (roles of new orgs). The operator CLI
 * bootstraps the first organization with `BootstrapOrgCommand` and finds one by id or slug with `FindOrgQuery`.
 */
export { OrgsModule } from './orgs.module.js';
export { OrgCreatedEvent } from './application/events/org-created.event.js';
export { ListUserOrgsQuery, type UserOrg } from './application/queries/list-user-orgs/list-user-orgs.query.js';
export { TrustPolicyUpdatedEvent } from './application/events/org-settings.events.js';
export { GetTrustPolicyQuery } from './application/queries/org-settings/org-settings.queries.js';
export { MemberChangedEvent } from './application/events/member.events.js';
export { MemberJoinedEvent } from './application/events/invite.events.js';
export { GetOrgQuery, type OrgSummary } from './application/queries/get-org/get-org.query.js';
export {
  BootstrapOrgCommand,
  type BootstrapOrgResult,
  type BootstrapOwnerState,
} from './application/commands/bootstrap-org/bootstrap-org.command.js';
export { FindOrgQuery } from './application/queries/find-org/find-org.query.js';
export { RespondToInviteCommand } from './application/commands/respond-to-invite/respond-to-invite.command.js';
