/**
 * `//api//v1/x?q=a//b` → `/api/v1/x?q=a//b`: repeated slashes in the path count as one (the kici CLI joins
 * URLs with a trailing-slash base), the query string is left as sent.
 */
export function collapseSlashes(url: string): string {
  const queryStart = url.indexOf('?');
  const path = queryStart === -1 ? url : url.slice(0, queryStart);
  const query = queryStart === -1 ? '' : url.slice(queryStart);
  return `${path.replace(/\/{2,}/g, '/')}${query}`;
}
