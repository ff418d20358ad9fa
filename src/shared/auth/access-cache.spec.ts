import type { AuditRecord } from '../cqrs/auditable.js';
import { DomainEvent } from '../cqrs/domain-event.js';
import { changesAccess } from './access-cache.js';

class Audited extends DomainEvent {
  constructor(readonly eventName: string) {
    super({ actor: { type: 'user', id: 'u1', display: null }, orgId: 'org_aaaaaaaaaaaa' });
  }

  toAuditRecord(): AuditRecord {
    return { action: this.eventName, targetType: 'org', targetId: 'org_aaaaaaaaaaaa', payload: {} };
  }
}

describe('changesAccess', () => {
  it.each(['org.disable', 'org.create', 'member.removed', 'role.update', 'pat.revoke', 'api_key.create', 'user.create', 'support.grant'])('empties the caches after %s', (action) => {
    expect(changesAccess(new Audited(action))).toBe(true);
  });

  it.each(['org.rename', 'webhook_endpoint.create', 'run.cancel', 'secret.set'])('leaves them after %s, which changes nothing they hold', (action) => {
    expect(changesAccess(new Audited(action))).toBe(false);
  });
});
