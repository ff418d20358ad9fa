import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { importJWK, type JWK, type JWTPayload, SignJWT } from 'jose';
import type { RunningTestApp } from './test-app.js';

export interface TokenOverrides {
  readonly claims?: JWTPayload;
  readonly header?: Record<string, unknown>;
  readonly expiresInSeconds?: number;
}

/**
 * Signs access tokens with the development identity provider's own key, read from the Platform's data
 * folder, so tests can shape claims (expired, other issuer, not yet valid) that the provider would never
 * issue, while the Platform verifies them through the real JWKS path.
 */
export async function devIdpToken(platform: RunningTestApp, subject: string, overrides: TokenOverrides = {}): Promise<string> {
  // The provider creates its key on first use.
  await fetch(`${platform.origin}${platform.config.http.basePath}/oidc/.well-known/openid-configuration`);
  const { signingKey } = JSON.parse(await readFile(join(platform.config.dataDir, 'dev-idp', 'secrets.json'), 'utf8')) as { signingKey: JWK };
  const key = await importJWK(signingKey, 'RS256');
  const now = Math.floor(Date.now() / 1000);
  const claims: JWTPayload = {
    iss: `${platform.origin}${platform.config.http.basePath}/oidc`,
    sub: subject,
    iat: now,
    exp: now + (overrides.expiresInSeconds ?? 300),
    email: subject,
    email_verified: true,
    name: subject.split('@')[0],
    ...overrides.claims,
  };
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: signingKey.kid!, typ: 'at+jwt', ...overrides.header }).sign(key);
}

/** Signs in through the token exchange and returns a fresh PAT for `email`. */
export async function patFor(platform: RunningTestApp, email: string, machineName = 'test-machine'): Promise<{ id: string; token: string }> {
  const response = await fetch(`${platform.origin}/api/v1/cli/exchange-token`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await devIdpToken(platform, email)}`, 'content-type': 'application/json' },
    body: JSON.stringify({ machineName }),
  });
  if (response.status !== 201) throw new Error(`exchange-token answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as { id: string; token: string };
}
