import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { EventsHandler, type IEventHandler, QueryBus } from '@nestjs/cqrs';
import type { DomainEvent } from '../../../shared/cqrs/domain-event.js';
import { PgNotifications } from '../../../shared/database/pg-notifications.js';
import { GetTrustPolicyQuery, MemberChangedEvent, MemberJoinedEvent, TrustPolicyUpdatedEvent } from '../../orgs/index.js';
import { MemberCiTrustLevelsQuery, RoleChangedEvent } from '../../rbac/index.js';
import { GatewayMetrics } from './gateway-metrics.js';
import type { OrchestratorSession } from './orchestrator-session.js';
import { SessionRegistry } from './session-registry.js';

const CHANNEL = 'kici_trust_policy_changed';
/** Longest a frame is reused without a change being announced (bounds staleness should one be missed). */
const FRAME_TTL_MS = 15_000;
const MAX_FRAMES = 10_000;

type Frame = { type: string } & Record<string, unknown>;

/**
 * `trust_policy.update` (orchestrator-protocol §2.8): the org's trust policy and its members' `ci_trust`
 * levels, sent to a session right after it authenticates and to every session of the org whenever the
 * policy, a role or a membership changes — on whichever replica holds the socket (PostgreSQL NOTIFY).
 * The Platform keeps no identity links or teams yet, so those lists are empty. The frame of an org is
 * kept until a change is announced: thousands of orchestrators reconnecting would otherwise each read
 * the same policy and member list.
 */
@Injectable()
export class TrustPolicyPush implements OnApplicationBootstrap {
  private readonly logger = new Logger('TrustPolicyPush');
  private readonly frames = new Map<string, { readonly frame: Frame; readonly expiresAt: number }>();
  /** Moves on every announced change: a frame read before it is not kept. */
  private generation = 0;

  constructor(
    private readonly notifications: PgNotifications,
    private readonly registry: SessionRegistry,
    private readonly queries: QueryBus,
    private readonly metrics: GatewayMetrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.notifications.listen(CHANNEL, (orgId) => {
      this.generation += 1;
      this.frames.delete(orgId);
      void this.pushToOrg(orgId);
    });
  }

  announce(orgId: string): Promise<void> {
    return this.notifications.notify(CHANNEL, orgId);
  }

  async pushTo(session: OrchestratorSession): Promise<void> {
    if (!session.orgId) return;
    await this.send([session], session.orgId);
  }

  private async pushToOrg(orgId: string): Promise<void> {
    const sessions = this.registry.inOrg(orgId);
    if (sessions.length > 0) await this.send(sessions, orgId);
  }

  private async send(sessions: OrchestratorSession[], orgId: string): Promise<void> {
    try {
      const frame = await this.frameOf(orgId);
      for (const session of sessions) {
        session.send(frame);
        this.metrics.frameSent(frame.type);
      }
    } catch (error) {
      // A failed push leaves the orchestrator on its previous policy; the next change or reconnect retries.
      this.logger.error(`Could not push the trust policy of ${orgId}: ${(error as Error).message}`);
    }
  }

  private async frameOf(orgId: string): Promise<Frame> {
    const kept = this.frames.get(orgId);
    if (kept && kept.expiresAt > Date.now()) return kept.frame;
    const generation = this.generation;
    const frame = await this.frame(orgId);
    if (generation === this.generation) {
      this.frames.delete(orgId);
      this.frames.set(orgId, { frame, expiresAt: Date.now() + FRAME_TTL_MS });
      if (this.frames.size > MAX_FRAMES) this.frames.delete(this.frames.keys().next().value!);
    }
    return frame;
  }

  private async frame(orgId: string): Promise<Frame> {
    const [{ forkPolicy, unknownContributorPolicy, workflowChangePolicy, approvalExpiryHours }, memberCiTrustLevels] = await Promise.all([
      this.queries.execute(new GetTrustPolicyQuery(orgId)),
      this.queries.execute(new MemberCiTrustLevelsQuery(orgId)),
    ]);
    return {
      type: 'trust_policy.update',
      orgId,
      policy: { forkPolicy, unknownContributorPolicy, workflowChangePolicy, approvalExpiryHours },
      identityLinks: [],
      memberCiTrustLevels,
      teamMemberships: [],
    };
  }
}

/** After commit: any change that can alter what the org's orchestrators trust is announced to every replica. */
@EventsHandler(TrustPolicyUpdatedEvent, RoleChangedEvent, MemberChangedEvent, MemberJoinedEvent)
export class TrustInputsChangedHandler implements IEventHandler<DomainEvent> {
  constructor(private readonly push: TrustPolicyPush) {}

  async handle(event: DomainEvent): Promise<void> {
    if (event.metadata.orgId) await this.push.announce(event.metadata.orgId);
  }
}
