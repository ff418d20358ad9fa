import { Module } from '@nestjs/common';
import { ORG_ACCESS_RESOLVER } from '../../shared/auth/org-access.js';
import { OrgAccessService } from './application/access/org-access.service.js';
import { CreateInviteHandler } from './application/commands/create-invite/create-invite.handler.js';
import { RespondToInviteHandler } from './application/commands/respond-to-invite/respond-to-invite.handler.js';
import { RevokeInviteHandler } from './application/commands/revoke-invite/revoke-invite.handler.js';
import { SetSupportAccessHandler } from './application/commands/set-support-access/set-support-access.handler.js';
import { UpdateTrustPolicyHandler } from './application/commands/update-trust-policy/update-trust-policy.handler.js';
import { GetBillingHandler, GetSupportAccessHandler, GetTrustPolicyHandler } from './application/queries/org-settings/org-settings.handlers.js';
import { OrgSettingsController } from './http/org-settings.controller.js';
import { BootstrapOrgHandler } from './application/commands/bootstrap-org/bootstrap-org.handler.js';
import { FindOrgHandler } from './application/queries/find-org/find-org.handler.js';
import { CreateOrgHandler } from './application/commands/create-org/create-org.handler.js';
import { DisableOrgHandler } from './application/commands/disable-org/disable-org.handler.js';
import { RemoveMemberHandler } from './application/commands/remove-member/remove-member.handler.js';
import { SetMemberSuspensionHandler } from './application/commands/set-member-suspension/set-member-suspension.handler.js';
import { RenameOrgHandler } from './application/commands/rename-org/rename-org.handler.js';
import { CreatePersonalOrgHandler } from './application/event-handlers/create-personal-org.handler.js';
import { OrgFounder } from './application/org-founder.js';
import { GetOrgHandler } from './application/queries/get-org/get-org.handler.js';
import { ListOrgInvitesHandler, ListPendingInvitesHandler } from './application/queries/list-invites/list-invites.handler.js';
import { ListMembersHandler } from './application/queries/list-members/list-members.handler.js';
import { ListUserOrgsHandler } from './application/queries/list-user-orgs/list-user-orgs.handler.js';
import { OrgInvitesController, UserInvitesController } from './http/invites.controller.js';
import { MembersController } from './http/members.controller.js';
import { OrgsController } from './http/orgs.controller.js';
import { UserOrgsController } from './http/user-orgs.controller.js';

/** Orgs: organizations (tenants), their members, and the organization context of every org route. */
@Module({
  controllers: [UserOrgsController, OrgsController, MembersController, OrgInvitesController, UserInvitesController, OrgSettingsController],
  providers: [
    OrgFounder,
    CreatePersonalOrgHandler,
    CreateOrgHandler,
    BootstrapOrgHandler,
    RenameOrgHandler,
    DisableOrgHandler,
    GetOrgHandler,
    FindOrgHandler,
    RemoveMemberHandler,
    SetMemberSuspensionHandler,
    ListMembersHandler,
    CreateInviteHandler,
    RevokeInviteHandler,
    RespondToInviteHandler,
    ListOrgInvitesHandler,
    ListPendingInvitesHandler,
    UpdateTrustPolicyHandler,
    SetSupportAccessHandler,
    GetTrustPolicyHandler,
    GetBillingHandler,
    GetSupportAccessHandler,
    ListUserOrgsHandler,
    OrgAccessService,
    { provide: ORG_ACCESS_RESOLVER, useExisting: OrgAccessService },
  ],
  exports: [ORG_ACCESS_RESOLVER],
})
export class OrgsModule {}
