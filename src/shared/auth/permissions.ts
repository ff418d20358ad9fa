/** The 17 resources of the permission matrix (platform-domain §3.1). */
export const RESOURCES = [
  'runs',
  'workflows',
  'secrets',
  'api_keys',
  'webhook_sources',
  'org_settings',
  'members',
  'billing',
  'audit',
  'environments',
  'ci_trust',
  'webhook_endpoints',
  'event_log',
  'event_dlq',
  'support',
  'teams',
  'fleet',
] as const;

export type Resource = (typeof RESOURCES)[number];

/** Access levels, weakest first; a check for L passes when the effective level is at least L (§3.2). */
export const LEVELS = ['none', 'read', 'read_payload', 'write', 'admin'] as const;

export type Level = (typeof LEVELS)[number];

/** A permission matrix as it travels on the wire: level names by resource; an absent resource is `none`. */
export type PermissionMatrix = Partial<Record<Resource, Level>>;

export function levelRank(level: Level): number {
  return LEVELS.indexOf(level);
}
