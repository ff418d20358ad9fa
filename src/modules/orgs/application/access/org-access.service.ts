import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { AccessCache, type KeptEntry } from '../../../../shared/auth/access-cache.js';
import type { OrgAccess, OrgAccessResolver } from '../../../../shared/auth/org-access.js';
import type { ApiKeyPrincipal, Principal, ServiceAccountPrincipal } from '../../../../shared/auth/principal.js';
import { DomainError } from '../../../../shared/errors/domain-error.js';
import { ORG_ID_PATTERN } from '../../../../shared/ids/org-id.js';
import { EffectiveAccessQuery, ServiceAccountAccessQuery } from '../../../rbac/index.js';

const notMember = (): DomainError => new DomainError('ORGS.NOT_MEMBER', 'Not a member of this organization');

/**
 * The organization context of a request (platform-domain §3.4): membership, disabled organization,
 * suspended member, then effective permissions from Rbac. An unknown id and a foreign organization give
 * the same answer.
 */
@Injectable()
export class OrgAccessService implements OrgAccessResolver {
  /**
   * The organization each caller (the principal object its credential resolved to, itself kept in the
   * access cache) was last let into, beside the cache entry of that access: a caller's next request to the
   * same organization skips building the entry's key and looking it up (1.2–2.6 µs less a request under
   * load, in two interleaved comparisons). The entry's liveness ends the shortcut as soon as the cache drops
   * the access.
   */
  private readonly lastAdmitted = new WeakMap<Principal, { readonly orgId: string; readonly entry: KeptEntry<OrgAccess> }>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly queries: QueryBus,
    private readonly cache: AccessCache,
  ) {}

  /** Kept in the access cache, refusals included: any membership, role or organization change empties it. */
  resolve(orgId: string, principal: Principal): OrgAccess | Promise<OrgAccess> {
    const last = this.lastAdmitted.get(principal);
    if (last !== undefined && last.orgId === orgId && last.entry.isLive(Date.now())) return last.entry.value;
    if (!ORG_ID_PATTERN.test(orgId)) throw notMember();
    const key = `org-access:${orgId}:${principalKey(principal)}`;
    const kept = this.cache.keptEntry<OrgAccess>(key);
    if (kept) {
      this.lastAdmitted.set(principal, { orgId, entry: kept });
      return kept.value;
    }
    return this.cache.rememberNow(key, () => this.resolveNow(orgId, principal), {
      rememberFailure: (error) => error instanceof DomainError,
    });
  }

  private async resolveNow(orgId: string, principal: Principal): Promise<OrgAccess> {
    if (principal.kind === 'api_key') return this.resolveApiKey(orgId, principal);
    if (principal.kind === 'service_account') return this.resolveServiceAccount(orgId, principal);
    const membership = await this.membership(orgId, principal.userId);
    if (!membership) throw notMember();
    this.refuseDisabled(membership);
    if (membership.suspendedAt) throw new DomainError('ORGS.MEMBER_SUSPENDED', 'Your membership of this organization is suspended');
    const access = await this.queries.execute(new EffectiveAccessQuery(orgId, principal.userId, principal.pat?.scopes ?? null));
    return { orgId, ...access };
  }

  /**
   * A user API key acts only in its own organization, with min(its matrix, its creator's current level)
   * per resource, for every repository; a suspended creator leaves it nothing. (A creator who left took
   * the key with them: the key row cascades with the membership.)
   */
  private async resolveApiKey(orgId: string, key: ApiKeyPrincipal): Promise<OrgAccess> {
    if (key.orgId !== orgId) throw notMember();
    const creator = await this.membership(orgId, key.creatorUserId);
    if (!creator) throw notMember();
    this.refuseDisabled(creator);
    const access = creator.suspendedAt
      ? await this.queries.execute(new EffectiveAccessQuery(orgId, key.creatorUserId, {}))
      : await this.queries.execute(new EffectiveAccessQuery(orgId, key.creatorUserId, key.permissions));
    return { orgId, permissions: access.permissions, repoPatterns: ['*'], isOwner: false };
  }

  /** A service account acts only in its own organization, with its roles, for every repository; it is never Owner. */
  private async resolveServiceAccount(orgId: string, account: ServiceAccountPrincipal): Promise<OrgAccess> {
    if (account.orgId !== orgId) throw notMember();
    const [org] = (await this.dataSource.query('SELECT disabled_at AS "disabledAt" FROM orgs WHERE id = $1', [orgId])) as { disabledAt: Date | null }[];
    if (!org) throw notMember();
    this.refuseDisabled(org);
    const access = await this.queries.execute(new ServiceAccountAccessQuery(orgId, account.serviceAccountId));
    return { orgId, permissions: access.permissions, repoPatterns: ['*'], isOwner: false };
  }

  private async membership(orgId: string, userId: string): Promise<{ disabledAt: Date | null; suspendedAt: Date | null } | undefined> {
    const [row] = (await this.dataSource.query(
      `SELECT o.disabled_at AS "disabledAt", m.suspended_at AS "suspendedAt"
         FROM org_members m JOIN orgs o ON o.id = m.org_id
        WHERE m.org_id = $1 AND m.user_id = $2`,
      [orgId, userId],
    )) as { disabledAt: Date | null; suspendedAt: Date | null }[];
    return row;
  }

  private refuseDisabled({ disabledAt }: { disabledAt: Date | null }): void {
    if (disabledAt) throw new DomainError('ORGS.DISABLED', 'This organization is disabled', { disabledAt: disabledAt.toISOString() });
  }
}

/** Who is asking, as far as the organization context depends on it (a PAT's scopes are fixed per token). */
function principalKey(principal: Principal): string {
  switch (principal.kind) {
    case 'api_key':
      return `api_key:${principal.keyId}`;
    case 'service_account':
      return `service_account:${principal.serviceAccountId}`;
    default:
      return `user:${principal.userId}:${principal.pat?.id ?? 'oidc'}`;
  }
}
