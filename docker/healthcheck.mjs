// Container health probe: GET <base path>/health on the local port, exit 0 on 200 and 1 otherwise.
// Written for node because the slim base image has neither curl nor wget.
const port = process.env.KICI_PORT || process.env.PORT || '3000';
// The same normalisation the Platform applies to KICI_BASE_PATH ("kici/", "/kici" → "/kici"; "/" → "").
const basePath = (process.env.KICI_BASE_PATH || '')
  .split('/')
  .filter((segment) => segment.length > 0)
  .map((segment) => `/${segment}`)
  .join('');
const url = `http://127.0.0.1:${port}${basePath}/health`;

try {
  const response = await fetch(url, { signal: AbortSignal.timeout(4000) });
  process.exitCode = response.status === 200 ? 0 : 1;
} catch {
  process.exitCode = 1;
}
