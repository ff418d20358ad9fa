const MAX_SLUG_LENGTH = 48;

/**
 * A readable, URL-safe name for an organization, made from its display name: accents dropped, lowercase,
 * runs of anything else turned into one "-". Routes never take it (the canonical id does); it is for
 * people and for links that want a name in them.
 */
export function slugBase(displayName: string): string {
  const slug = displayName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/^-+|-+$/g, '');
  return slug || 'org';
}

/** The first of `base`, `base-2`, `base-3`, … not in `taken`. */
export function firstFreeSlug(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
