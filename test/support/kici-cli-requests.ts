/**
 * The HTTP requests the kici CLI v0.1.24 sends, reproduced from cli-contract.md §3: every request carries
 * `Authorization: Bearer` and `Content-Type: application/json` (also GETs, DELETEs and body-less POSTs),
 * and each client treats the endpoint's trailing slash its own way (§3.1).
 */
export type EndpointStyle = 'keep-slash' | 'strip-one' | 'strip-all';

export interface CliRequest {
  readonly method: 'GET' | 'POST' | 'DELETE';
  readonly path: string;
  readonly body?: unknown;
}

function base(endpoint: string, style: EndpointStyle): string {
  if (style === 'strip-all') return endpoint.replace(/\/+$/, '');
  if (style === 'strip-one') return endpoint.endsWith('/') ? endpoint.slice(0, -1) : endpoint;
  return endpoint;
}

/** Sends one CLI request; `keep-slash` clients (org, orchestrators, held runs) produce `//api/v1/…`. */
export async function cliRequest(endpoint: string, style: EndpointStyle, token: string, request: CliRequest): Promise<Response> {
  return fetch(`${base(endpoint, style)}/api/v1${request.path}`, {
    method: request.method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: request.body === undefined ? undefined : JSON.stringify(request.body),
  });
}

/** DashboardClient's reading: an empty body counts as `{}`. */
export async function dashboardBody(response: Response): Promise<unknown> {
  const text = await response.text();
  return text.length === 0 ? {} : JSON.parse(text);
}
