import { randomInt } from 'node:crypto';

const LOWER_ALPHANUMERIC = '0123456789abcdefghijklmnopqrstuvwxyz';
const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function randomString(alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i += 1) out += alphabet[randomInt(alphabet.length)];
  return out;
}

/** `org_` + 12 of [0-9a-z]: 16 characters, what the orchestrator's org id columns hold (spec decision 3). */
export function newOrgId(): string {
  return `org_${randomString(LOWER_ALPHANUMERIC, 12)}`;
}

/** `oal_` + 12 base62 characters (~71 bits): the public alias, never derived from the id or the name. */
export function newOrgPublicAlias(): string {
  return `oal_${randomString(ALPHANUMERIC, 12)}`;
}

export const ORG_ID_PATTERN = /^org_[0-9a-z]{12}$/;
