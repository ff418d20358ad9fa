import { AuditEventEntity } from '../modules/audit/infrastructure/audit-event.entity.js';
import { UserEntity } from '../modules/identity/infrastructure/user.entity.js';
import { InviteEntity } from '../modules/orgs/infrastructure/invite.entity.js';
import { TrustPolicyEntity } from '../modules/orgs/infrastructure/trust-policy.entity.js';
import { PlatformConnectionEntity } from '../modules/orchestrator-gateway/infrastructure/platform-connection.entity.js';
import { ProxyMessageEntity } from '../modules/orchestrator-gateway/infrastructure/proxy-message.entity.js';
import { WebhookSourceEntity } from '../modules/orchestrator-gateway/infrastructure/webhook-source.entity.js';
import { RerunCooldownEntity } from '../modules/runs/infrastructure/rerun-cooldown.entity.js';
import { RunEventEntity } from '../modules/runs/infrastructure/run-event.entity.js';
import { RunJobEntity } from '../modules/runs/infrastructure/run-job.entity.js';
import { RunStepEntity } from '../modules/runs/infrastructure/run-step.entity.js';
import { RunEntity } from '../modules/runs/infrastructure/run.entity.js';
import { OrgMemberEntity } from '../modules/orgs/infrastructure/org-member.entity.js';
import { OrgEntity } from '../modules/orgs/infrastructure/org.entity.js';
import { RoleAssignmentEntity } from '../modules/rbac/infrastructure/role-assignment.entity.js';
import { RoleEntity } from '../modules/rbac/infrastructure/role.entity.js';
import { OrchestratorKeyEntity } from '../modules/tokens/infrastructure/orchestrator-key.entity.js';
import { ServiceAccountKeyEntity } from '../modules/tokens/infrastructure/service-account-key.entity.js';
import { ServiceAccountEntity } from '../modules/tokens/infrastructure/service-account.entity.js';
import { ServiceAccountRoleEntity } from '../modules/rbac/infrastructure/service-account-role.entity.js';
import { UserApiKeyEntity } from '../modules/tokens/infrastructure/user-api-key.entity.js';
import { PersonalAccessTokenEntity } from '../modules/tokens/infrastructure/personal-access-token.entity.js';
import { InboundDeliveryEntity } from '../modules/webhooks/infrastructure/inbound-delivery.entity.js';
import { RelayBodyEntity } from '../modules/webhooks/infrastructure/relay-body.entity.js';
import { WebhookDeliveryEntity } from '../modules/webhooks/outbound/infrastructure/webhook-delivery.entity.js';
import { WebhookEndpointEntity } from '../modules/webhooks/outbound/infrastructure/webhook-endpoint.entity.js';

/** Every TypeORM entity of the Platform. The data source of the app and of the migration CLI both use this list. */
export const ENTITIES = [
  AuditEventEntity,
  UserEntity,
  PersonalAccessTokenEntity,
  OrgEntity,
  OrgMemberEntity,
  InviteEntity,
  TrustPolicyEntity,
  RoleEntity,
  RoleAssignmentEntity,
  UserApiKeyEntity,
  OrchestratorKeyEntity,
  ServiceAccountEntity,
  ServiceAccountKeyEntity,
  ServiceAccountRoleEntity,
  PlatformConnectionEntity,
  WebhookSourceEntity,
  ProxyMessageEntity,
  RunEntity,
  RunJobEntity,
  RunEventEntity,
  RunStepEntity,
  RerunCooldownEntity,
  InboundDeliveryEntity,
  RelayBodyEntity,
  WebhookEndpointEntity,
  WebhookDeliveryEntity,
];
