import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Behaves like `kici login` v0.1.24 (cli-contract §1.3–1.6): discovery with its four required fields,
 * PKCE S256 with a loopback `/callback` on a random port, the RFC 8628 device grant with PKCE and the
 * documented polling rules, then `POST /api/v1/cli/exchange-token`.
 */
export interface Discovery {
  readonly issuer: string;
  readonly authorization_endpoint: string;
  readonly token_endpoint: string;
  readonly device_authorization_endpoint: string;
  readonly [field: string]: unknown;
}

export const CLI_SCOPE = 'openid profile email offline_access';

const base64url = (bytes: Buffer): string => bytes.toString('base64url');

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = base64url(randomBytes(32));
  return { verifier, challenge: base64url(createHash('sha256').update(verifier).digest()) };
}

export async function discover(issuer: string): Promise<Discovery> {
  const response = await fetch(`${issuer.trim().replace(/\/+$/, '')}/.well-known/openid-configuration`);
  if (!response.ok) throw new Error(`discovery returned HTTP ${response.status}`);
  const document = (await response.json()) as Record<string, unknown>;
  for (const field of ['issuer', 'authorization_endpoint', 'token_endpoint', 'device_authorization_endpoint']) {
    if (typeof document[field] !== 'string' || (document[field] as string).length === 0) throw new Error(`discovery lacks ${field}`);
  }
  return document as unknown as Discovery;
}

/** Browser flow: `openBrowser` gets the authorization URL, as `KICI_BROWSER_CMD` would. Resolves with the access token. */
export async function pkceLogin(issuer: string, clientId: string, openBrowser: (url: string) => Promise<void>): Promise<string> {
  const discovery = await discover(issuer);
  const { verifier, challenge } = pkcePair();
  const state = randomBytes(16).toString('hex');
  let server: Server | undefined;
  const code = new Promise<string>((resolve, reject) => {
    server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      if (url.pathname !== '/callback') return void response.writeHead(404).end();
      const error = url.searchParams.get('error');
      if (error) {
        response.writeHead(400).end('error');
        return reject(new Error(`Authentication error: ${url.searchParams.get('error_description') ?? error}`));
      }
      if (url.searchParams.get('state') !== state) {
        response.writeHead(400).end('State mismatch - possible CSRF attack');
        return reject(new Error('State mismatch'));
      }
      const received = url.searchParams.get('code');
      if (!received) return void response.writeHead(400).end('no code');
      response.writeHead(200, { 'content-type': 'text/html' }).end('Login success!');
      resolve(received);
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const redirectUri = `http://127.0.0.1:${(server!.address() as AddressInfo).port}/callback`;
  try {
    const authorize = new URL(discovery.authorization_endpoint);
    for (const [name, value] of Object.entries({
      client_id: clientId,
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: CLI_SCOPE,
      code_challenge: challenge,
      code_challenge_method: 'S256',
      state,
    })) {
      authorize.searchParams.set(name, value);
    }
    await openBrowser(authorize.toString());
    const authorizationCode = await code;
    const response = await fetch(discovery.token_endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', client_id: clientId, code: authorizationCode, redirect_uri: redirectUri, code_verifier: verifier }),
    });
    const body = (await response.json()) as { access_token?: string };
    if (!response.ok || !body.access_token) throw new Error(`Token exchange failed: ${JSON.stringify(body)}`);
    return body.access_token;
  } finally {
    server!.close();
  }
}

export interface DeviceAuthorization {
  readonly device_code: string;
  readonly user_code: string;
  readonly verification_uri: string;
  readonly verification_uri_complete?: string;
  readonly interval?: number;
  readonly expires_in: number;
}

export interface DevicePollLog {
  /** Error codes the token endpoint answered with before success, in order. */
  readonly answers: string[];
}

/**
 * Device flow: `approve` is what the person does with the verification URL (it runs while the CLI polls).
 * Resolves with the access token and the poll answers seen.
 */
export async function deviceLogin(
  issuer: string,
  clientId: string,
  approve: (authorization: DeviceAuthorization, pollAnswers: readonly string[]) => Promise<void>,
): Promise<{ accessToken: string; log: DevicePollLog }> {
  const discovery = await discover(issuer);
  const { verifier, challenge } = pkcePair();
  const started = await fetch(discovery.device_authorization_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: clientId, scope: CLI_SCOPE, code_challenge: challenge, code_challenge_method: 'S256' }),
  });
  if (!started.ok) throw new Error(`Device authorization request failed: ${await started.text()}`);
  const authorization = (await started.json()) as DeviceAuthorization;

  const answers: string[] = [];
  let interval = authorization.interval ?? 5;
  let approvalFailure: unknown;
  const approval = (async () => {
    // The person opens the link only after the CLI has shown it and started polling.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await approve(authorization, answers);
  })().catch((error: unknown) => {
    approvalFailure = error ?? new Error('approval failed');
  });
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, interval * 1000));
    if (approvalFailure) throw approvalFailure;
    const response = await fetch(discovery.token_endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        client_id: clientId,
        grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
        device_code: authorization.device_code,
        code_verifier: verifier,
      }),
    });
    const body = (await response.json()) as { access_token?: string; error?: string; error_description?: string };
    if (response.ok && body.access_token) {
      await approval;
      if (approvalFailure) throw approvalFailure;
      return { accessToken: body.access_token, log: { answers } };
    }
    answers.push(body.error ?? 'unknown');
    if (body.error === 'authorization_pending') continue;
    if (body.error === 'slow_down') {
      interval += 5;
      continue;
    }
    await approval;
    throw new Error(`Device flow error: ${body.error_description ?? body.error}`);
  }
}

/** `POST <platform>/api/v1/cli/exchange-token`, exactly as the CLI sends it. */
export async function exchangeForPat(platformUrl: string, accessToken: string, machineName: string): Promise<Response> {
  return fetch(`${platformUrl}/api/v1/cli/exchange-token`, {
    method: 'POST',
    headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ machineName }),
  });
}
