/**
 * Orgs module: organizations and memberships. Raises `OrgCreatedEvent`; answers `ListUserOrgsQuery`.
 * Depends on Identity (new users get a personal org) and Rbac (roles of new orgs).
 */
export { OrgsModule } from './orgs.module.js';
export { OrgCreatedEvent } from './application/events/org-created.event.js';
export { ListUserOrgsQuery, type UserOrg } from './application/queries/list-user-orgs/list-user-orgs.query.js';
export { TrustPolicyUpdatedEvent } from './application/events/org-settings.events.js';
export { GetTrustPolicyQuery } from './application/queries/org-settings/org-settings.queries.js';
export { MemberChangedEvent } from './application/events/member.events.js';
export { MemberJoinedEvent } from './application/events/invite.events.js';
export { GetOrgQuery, type OrgSummary } from './application/queries/get-org/get-org.query.js';
