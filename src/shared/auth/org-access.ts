import type { Level, Resource } from './permissions.js';
import type { Principal } from './principal.js';

/** What the caller may do in the organization of the current route, computed for this request. */
export interface OrgAccess {
  readonly orgId: string;
  readonly permissions: Readonly<Record<Resource, Level>>;
  readonly repoPatterns: readonly string[];
  readonly isOwner: boolean;
}

/**
 * Resolves a principal's access to an organization, or throws a 403 `DomainError` (not a member — also for
 * organizations that do not exist, so ids cannot be probed —, organization disabled, member suspended).
 * Provided by the Orgs module; evaluated on every request, so changes take effect on the next one.
 */
export interface OrgAccessResolver {
  /** Synchronous when the answer is cached (the common case), else a promise; a refusal may be thrown either way. */
  resolve(orgId: string, principal: Principal): OrgAccess | Promise<OrgAccess>;
}

export const ORG_ACCESS_RESOLVER = Symbol('ORG_ACCESS_RESOLVER');
