import { join } from '../support/org-fixture.js';
import { type Frame, SimulatedOrchestrator } from '../support/simulated-orchestrator.js';
import { orgSuite, secondReplica } from '../support/suites.js';
import { type RunningTestApp } from '../support/test-app.js';

const UPDATE = 'trust_policy.update';

/** orchestrator-protocol §2.8: the org's trust inputs reach its orchestrators on connect and on every change, on any replica. */
describe('trust_policy.update pushed to orchestrators', () => {
  const suite = orgSuite('Trust Co');
  const replica = secondReplica(suite);
  let onA: SimulatedOrchestrator;
  let onB: SimulatedOrchestrator;
  let other: SimulatedOrchestrator;

  const wsOf = (app: RunningTestApp): string => `${app.origin.replace('http', 'ws')}/ws`;
  const keyFor = async (token: string, orgId: string): Promise<string> =>
    ((await (await suite.call(token, 'POST', `/orgs/${orgId}/orchestrator-keys`, { name: 'trust' })).json()) as { key: string }).key;

  /** The next update after what the orchestrator has already seen. */
  const nextUpdate = (orch: SimulatedOrchestrator, after: number): Promise<Frame> => orch.next(UPDATE, 5000, after);

  /**
   * The first update after `after` frames whose levels satisfy `accept`: one change can raise several
   * announcements (an accepted invite is also a join), so earlier pushes may still be arriving.
   */
  async function updateWhere(orch: SimulatedOrchestrator, after: number, accept: (levels: Record<string, string>) => boolean): Promise<Frame> {
    for (let from = after; ; ) {
      const update = await nextUpdate(orch, from);
      if (accept(update.memberCiTrustLevels as Record<string, string>)) return update;
      from = orch.received.indexOf(update) + 1;
    }
  }

  beforeAll(async () => {
    const key = await keyFor(suite.owner.token, suite.orgId);
    onA = (await SimulatedOrchestrator.connect(wsOf(suite.platform), key)).orch;
    onB = (await SimulatedOrchestrator.connect(wsOf(replica.app), key)).orch;
    const otherOrg = ((await (await suite.call(suite.owner.token, 'POST', '/orgs', { name: 'Bystander Co' })).json()) as { id: string }).id;
    other = (await SimulatedOrchestrator.connect(wsOf(suite.platform), await keyFor(suite.owner.token, otherOrg))).orch;
    // Each gets its initial push right after auth.success; later assertions count only what follows it.
    await Promise.all([onA, onB, other].map((orch) => orch.next(UPDATE)));
  });

  afterAll(async () => {
    for (const orch of [onA, onB, other]) orch?.close();
  });

  it('sends the policy and the members’ ci_trust levels right after auth.success', async () => {
    const types = onA.received.map((frame) => frame.type);
    expect(types.indexOf(UPDATE)).toBe(types.indexOf('auth.success') + 1);
    expect(await onA.next(UPDATE)).toEqual({
      type: UPDATE,
      orgId: suite.orgId,
      policy: { forkPolicy: 'hold', unknownContributorPolicy: 'hold', workflowChangePolicy: 'hold', approvalExpiryHours: 72 },
      identityLinks: [],
      memberCiTrustLevels: { [suite.owner.userId]: 'admin' },
      teamMemberships: [],
    });
  });

  it('pushes a changed policy to the org’s orchestrators on every replica, and only to them', async () => {
    const [seenA, seenB, seenOther] = [onA.received.length, onB.received.length, other.received.length];
    const policy = { forkPolicy: 'reject', unknownContributorPolicy: 'hold', workflowChangePolicy: 'allow', approvalExpiryHours: 24 };
    expect((await suite.call(suite.owner.token, 'PUT', `/orgs/${suite.orgId}/trust-policies`, policy)).status).toBe(200);
    expect((await nextUpdate(onA, seenA)).policy).toEqual(policy);
    expect((await nextUpdate(onB, seenB)).policy).toEqual(policy);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(other.received.slice(seenOther).map((frame) => frame.type)).not.toContain(UPDATE);
  });

  it('pushes new levels when a member joins and drops them when the member is suspended', async () => {
    const member = await join(suite.platform, suite.orgId, suite.owner, 'member@example.com');
    const { permissions } = (await (await suite.call(member.token, 'GET', `/orgs/${suite.orgId}`)).json()) as { permissions: Record<string, string> };
    const joined = await updateWhere(onB, 0, (levels) => member.userId in levels);
    expect(joined.memberCiTrustLevels).toEqual({ [suite.owner.userId]: 'admin', [member.userId]: permissions.ci_trust });

    const seen = onB.received.length;
    expect((await suite.call(suite.owner.token, 'POST', `/orgs/${suite.orgId}/members/${member.userId}/suspend`)).status).toBe(204);
    const suspended = await updateWhere(onB, seen, (levels) => !(member.userId in levels));
    expect(suspended.memberCiTrustLevels).toEqual({ [suite.owner.userId]: 'admin' });
  });
});
