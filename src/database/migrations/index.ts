import { SealAuditChainAfterCommit1795890300000 } from './1795890300000-SealAuditChainAfterCommit.js';
import { CompareSealedAuditRowsAsRecords1795890400000 } from './1795890400000-CompareSealedAuditRowsAsRecords.js';
import { LeaveRoomForConnectionHeartbeats1795890500000 } from './1795890500000-LeaveRoomForConnectionHeartbeats.js';
import { AddLiveConnectionsIndex1795890100000 } from './1795890100000-AddLiveConnectionsIndex.js';
import { AddRunListChangeNotifications1795890200000 } from './1795890200000-AddRunListChangeNotifications.js';
import { AddRunListIndexes1795890000000 } from './1795890000000-AddRunListIndexes.js';
import { AddConnectionRegisteredAt1795889000000 } from './1795889000000-AddConnectionRegisteredAt.js';
import { CreateEventLog1795887000000 } from './1795887000000-CreateEventLog.js';
import { CreateWebhookEndpoints1795888000000 } from './1795888000000-CreateWebhookEndpoints.js';
import { CreateRunEvents1795886700000 } from './1795886700000-CreateRunEvents.js';
import { AddOrgSlugs1795886400000 } from './1795886400000-AddOrgSlugs.js';
import { CreateAuditEvents1795881241812 } from './1795881241812-CreateAuditEvents.js';
import { CreateUsersAndPersonalAccessTokens1795882060029 } from './1795882060029-CreateUsersAndPersonalAccessTokens.js';
import { CreateOrgsMembersAndRoles1795882906618 } from './1795882906618-CreateOrgsMembersAndRoles.js';
import { CreateInvites1795883549813 } from './1795883549813-CreateInvites.js';
import { CreateUserApiKeys1795883758750 } from './1795883758750-CreateUserApiKeys.js';
import { CreateOrchestratorKeys1795883905680 } from './1795883905680-CreateOrchestratorKeys.js';
import { CreateServiceAccounts1795884076903 } from './1795884076903-CreateServiceAccounts.js';
import { CreateTrustPoliciesAndSupportAccess1795884249813 } from './1795884249813-CreateTrustPoliciesAndSupportAccess.js';
import { CreatePlatformConnections1795884672285 } from './1795884672285-CreatePlatformConnections.js';
import { CreateProxyMessages1795885041881 } from './1795885041881-CreateProxyMessages.js';
import { CreateRunsProjection1795885202694 } from './1795885202694-CreateRunsProjection.js';
import { CreateRerunCooldowns1795885940895 } from './1795885940895-CreateRerunCooldowns.js';

/** Migrations in the order they apply. A new migration is generated, read, and added here. */
export const MIGRATIONS = [
  CreateAuditEvents1795881241812,
  CreateUsersAndPersonalAccessTokens1795882060029,
  CreateOrgsMembersAndRoles1795882906618,
  CreateInvites1795883549813,
  CreateUserApiKeys1795883758750,
  CreateOrchestratorKeys1795883905680,
  CreateServiceAccounts1795884076903,
  CreateTrustPoliciesAndSupportAccess1795884249813,
  CreatePlatformConnections1795884672285,
  CreateProxyMessages1795885041881,
  CreateRunsProjection1795885202694,
  CreateRerunCooldowns1795885940895,
  AddOrgSlugs1795886400000,
  CreateRunEvents1795886700000,
  CreateEventLog1795887000000,
  CreateWebhookEndpoints1795888000000,
  AddConnectionRegisteredAt1795889000000,
  AddRunListIndexes1795890000000,
  AddLiveConnectionsIndex1795890100000,
  AddRunListChangeNotifications1795890200000,
  SealAuditChainAfterCommit1795890300000,
  CompareSealedAuditRowsAsRecords1795890400000,
  LeaveRoomForConnectionHeartbeats1795890500000,
];
