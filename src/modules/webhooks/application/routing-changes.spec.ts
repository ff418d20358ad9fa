import type { PgNotifications } from '../../../shared/database/pg-notifications.js';
import type { InboundRelay } from './inbound-relay.js';
import type { RoutingFactsReader } from './routing-facts.js';
import { RoutingChanges } from './routing-changes.js';

/** A replica's routing changes with its notifications captured: `deliver` plays what PostgreSQL sends back. */
async function replica(): Promise<{ changes: RoutingChanges; forgotten: string[]; sent: string[]; deliver: (payload: string) => void }> {
  const forgotten: string[] = [];
  const sent: string[] = [];
  let listener: (payload: string) => void = () => undefined;
  const notifications = {
    listen: async (_channel: string, handler: (payload: string) => void) => {
      listener = handler;
    },
    onResubscribed: () => undefined,
    notifyAll: async (_channel: string, payloads: readonly string[]) => {
      sent.push(...payloads);
    },
  } as unknown as PgNotifications;
  const facts = { forgetOrg: (orgId: string) => forgotten.push(orgId), forgetAll: () => undefined } as unknown as RoutingFactsReader;
  const relay = { unknown: { forgetOrg: () => undefined, clear: () => undefined } } as unknown as InboundRelay;
  const changes = new RoutingChanges(relay, facts, notifications);
  await changes.onApplicationBootstrap();
  return { changes, forgotten, sent, deliver: (payload) => listener(payload) };
}

const flushed = (): Promise<void> => new Promise((resolve) => setImmediate(() => setImmediate(resolve)));

describe('RoutingChanges', () => {
  it("applies a change once where it was announced, not again when its own notification comes back", async () => {
    const { changes, forgotten, sent, deliver } = await replica();
    changes.announce('org_aaaaaaaaaaaa', 'sources-registered');
    await flushed();
    expect(forgotten).toEqual(['org_aaaaaaaaaaaa']);
    expect(sent).toHaveLength(1);
    deliver(sent[0]!);
    expect(forgotten).toEqual(['org_aaaaaaaaaaaa']);
  });

  it("applies another replica's notification, the same one twice included", async () => {
    const { forgotten, deliver } = await replica();
    const notice = JSON.stringify({ orgId: 'org_bbbbbbbbbbbb', at: 1, sourcesRegistered: false });
    deliver(notice);
    deliver(notice);
    expect(forgotten).toEqual(['org_bbbbbbbbbbbb', 'org_bbbbbbbbbbbb']);
  });
});
