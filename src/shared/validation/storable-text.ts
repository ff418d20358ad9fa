/**
 * PostgreSQL `text` cannot hold U+0000, and an unpaired UTF-16 surrogate has no UTF-8 form: either one in a
 * request reaches the database as an error in the middle of a command (a 500). Finds the first such string
 * in a parsed JSON value, so the edge can refuse it as a 400 instead; returns its path, or null. Iterative,
 * so a deeply nested body cannot overflow the stack.
 */
const NUL_OR_LONE_SURROGATE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function findUnstorableText(root: unknown): string | null {
  const unstorable = (text: string): boolean => NUL_OR_LONE_SURROGATE.test(text);
  const pending: [unknown, string][] = [[root, '$']];
  while (pending.length > 0) {
    const [value, path] = pending.pop()!;
    if (typeof value === 'string') {
      if (unstorable(value)) return path;
    } else if (Array.isArray(value)) {
      for (let index = value.length - 1; index >= 0; index--) pending.push([value[index], `${path}[${index}]`]);
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value).reverse()) {
        if (unstorable(key)) return `${path}.${key}`;
        pending.push([item, `${path}.${key}`]);
      }
    }
  }
  return null;
}
