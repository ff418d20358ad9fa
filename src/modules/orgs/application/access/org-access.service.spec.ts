import type { QueryBus } from '@nestjs/cqrs';
import type { DataSource } from 'typeorm';
import { AccessCache } from '../../../../shared/auth/access-cache.js';
import type { Principal } from '../../../../shared/auth/principal.js';
import type { UnitOfWork } from '../../../../shared/cqrs/unit-of-work.js';
import type { PgNotifications } from '../../../../shared/database/pg-notifications.js';
import { OrgAccessService } from './org-access.service.js';

const MEMBER_OF = 'org_aaaaaaaaaaaa';
const ALSO_MEMBER_OF = 'org_bbbbbbbbbbbb';
const FOREIGN = 'org_cccccccccccc';

const ada: Principal = {
  kind: 'user',
  credential: 'oidc',
  userId: 'user-ada',
  issuer: 'https://issuer.example',
  subject: 'ada',
  email: 'ada@example.com',
  emailVerified: true,
  displayName: 'Ada',
  pat: null,
};

/** The service on a real access cache, its database reads counted: a member of two organizations. */
function service(): { orgs: OrgAccessService; cache: AccessCache; loads: string[] } {
  const loads: string[] = [];
  const dataSource = {
    query: async (_sql: string, [orgId]: [string, string]) => {
      loads.push(orgId);
      return orgId === FOREIGN ? [] : [{ disabledAt: null, suspendedAt: null }];
    },
  } as unknown as DataSource;
  const queries = { execute: async () => ({ permissions: { runs: 'read' }, repoPatterns: ['*'], isOwner: false }) } as unknown as QueryBus;
  const cache = new AccessCache({ listen: async () => undefined } as unknown as PgNotifications, { onCommitted: () => undefined } as unknown as UnitOfWork);
  return { orgs: new OrgAccessService(dataSource, queries, cache), cache, loads };
}

describe('OrgAccessService.resolve', () => {
  it('answers a caller coming back to the same organization without loading its access again', async () => {
    const { orgs, loads } = service();
    const first = await orgs.resolve(MEMBER_OF, ada);
    const again = orgs.resolve(MEMBER_OF, ada);
    expect(again).toBe(first); // synchronously, the same access
    expect(first).toMatchObject({ orgId: MEMBER_OF, permissions: { runs: 'read' } });
    expect(loads).toEqual([MEMBER_OF]);
  });

  it('loads again once the cache drops that access, though the caller is the same', async () => {
    const { orgs, cache, loads } = service();
    await orgs.resolve(MEMBER_OF, ada);
    orgs.resolve(MEMBER_OF, ada);
    cache.forget(`org-access:${MEMBER_OF}:user:${ada.userId}:oidc`);
    await orgs.resolve(MEMBER_OF, ada);
    cache.clear();
    await orgs.resolve(MEMBER_OF, ada);
    expect(loads).toEqual([MEMBER_OF, MEMBER_OF, MEMBER_OF]);
  });

  it('keeps each organization its own: a caller going back and forth gets each one, each loaded once', async () => {
    const { orgs, loads } = service();
    const seen = [];
    for (const orgId of [MEMBER_OF, ALSO_MEMBER_OF, MEMBER_OF, ALSO_MEMBER_OF]) seen.push((await orgs.resolve(orgId, ada)).orgId);
    expect(seen).toEqual([MEMBER_OF, ALSO_MEMBER_OF, MEMBER_OF, ALSO_MEMBER_OF]);
    expect(loads).toEqual([MEMBER_OF, ALSO_MEMBER_OF]);
  });

  it('still refuses a foreign or malformed organization to a caller just let into another', async () => {
    const { orgs } = service();
    await orgs.resolve(MEMBER_OF, ada);
    await expect(Promise.resolve().then(() => orgs.resolve(FOREIGN, ada))).rejects.toMatchObject({ code: 'ORGS.NOT_MEMBER' });
    expect(() => orgs.resolve('not-an-org', ada)).toThrow(expect.objectContaining({ code: 'ORGS.NOT_MEMBER' }));
    expect(orgs.resolve(MEMBER_OF, ada)).toMatchObject({ orgId: MEMBER_OF });
    // The refusal is remembered, not the shortcut: asked again, the foreign organization is refused again.
    expect(() => orgs.resolve(FOREIGN, ada)).toThrow(expect.objectContaining({ code: 'ORGS.NOT_MEMBER' }));
  });
});
