import { crc32 } from 'node:zlib';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * Tokens an attacker could shape, written from the format of spec decision 4 (prefix + 32 base62 + a
 * 6-character base62 CRC32 of what precedes it): well-formed tokens nobody was issued, and broken ones.
 */
export function withChecksum(body: string): string {
  let checksum = '';
  for (let rest = crc32(body); rest > 0; rest = Math.floor(rest / 62)) checksum = BASE62[rest % 62] + checksum;
  return `${body}${checksum.padStart(6, '0')}`;
}

/** A well-formed token that keeps the first `keep` characters of `token` and randomises the rest of its secret. */
export function sameStartAs(token: string, keep: number): string {
  const body = token.slice(0, -6);
  let rest = '';
  for (let i = keep; i < body.length; i++) rest += BASE62[Math.floor(Math.random() * 62)];
  return withChecksum(body.slice(0, keep) + rest);
}

/** Every way of breaking a real token that the Platform must refuse. */
export function brokenVariants(token: string): Record<string, string> {
  const flip = (text: string, at: number): string => text.slice(0, at) + (text[at] === 'a' ? 'b' : 'a') + text.slice(at + 1);
  const body = token.slice(0, -6);
  return {
    'one secret character changed': flip(token, body.length - 3),
    'checksum changed': flip(token, token.length - 1),
    'truncated by one': token.slice(0, -1),
    'truncated to the display prefix': token.slice(0, 16),
    'one character appended': `${token}a`,
    'secret changed with a valid checksum': withChecksum(flip(body, body.length - 3)),
    'prefix upper-cased': token.replace(/^kici_[a-z]+_/, (prefix) => prefix.toUpperCase()),
    'wrapped in quotes': `"${token}"`,
  };
}
