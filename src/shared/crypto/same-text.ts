/**
 * Whether two strings are equal, in a time that depends on their lengths only, never on where they first
 * differ: for comparing a presented secret with a kept one. A length that differs is no secret (every
 * credential of a kind has the same length), so it answers at once.
 */
export function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}
