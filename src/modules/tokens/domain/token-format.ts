import { randomInt } from 'node:crypto';
import { sha256Hex } from '../../../shared/crypto/sha256.js';
import { crc32 } from 'node:zlib';

/**
 * KiCI credential families (spec README, decision 4). A token is `kici_<family>_` + 32 random base62
 * characters + a 6-character base62 CRC32 of everything before it, so a mistyped or truncated token is
 * recognised without touching the database.
 */
export const TOKEN_FAMILIES = ['pat', 'sk', 'sa', 'ok'] as const;

export type TokenFamily = (typeof TOKEN_FAMILIES)[number];

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SECRET_LENGTH = 32;
const CHECKSUM_LENGTH = 6;
/** How many leading characters are kept for display (`kici_pat_AbCdEfG`); never enough to use. */
export const DISPLAY_PREFIX_LENGTH = 16;
const TOKEN_PATTERN = /^kici_(pat|sk|sa|ok)_([0-9A-Za-z]{32})([0-9A-Za-z]{6})$/;

function base62(value: number, width: number): string {
  let out = '';
  for (let rest = value; rest > 0; rest = Math.floor(rest / 62)) out = BASE62[rest % 62] + out;
  return out.padStart(width, '0');
}

function checksumOf(body: string): string {
  return base62(crc32(body), CHECKSUM_LENGTH);
}

/** A fresh token of a family, with ~190 bits of CSPRNG entropy. */
export function generateToken(family: TokenFamily): string {
  let secret = '';
  for (let i = 0; i < SECRET_LENGTH; i += 1) secret += BASE62[randomInt(62)];
  const body = `kici_${family}_${secret}`;
  return `${body}${checksumOf(body)}`;
}

/** Which family a presented string claims by its prefix, well-formed or not; null for anything else. */
export function claimedFamily(token: string): TokenFamily | null {
  const match = /^kici_(pat|sk|sa|ok)_/.exec(token);
  return match ? (match[1] as TokenFamily) : null;
}

/** True when the token has the exact shape of its family and its checksum matches. */
export function isWellFormedToken(token: string): boolean {
  const match = TOKEN_PATTERN.exec(token);
  if (!match) return false;
  const body = token.slice(0, token.length - CHECKSUM_LENGTH);
  return checksumOf(body) === match[3];
}

/** What is stored to find a token again: SHA-256 (hex) of the whole token, prefix included. */
export function hashToken(token: string): string {
  return sha256Hex(token);
}

export function displayPrefix(token: string): string {
  return token.slice(0, DISPLAY_PREFIX_LENGTH);
}
