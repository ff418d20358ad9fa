import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, type JWK } from 'jose';

export interface DevIdpSecrets {
  readonly signingKey: JWK;
  readonly cookieKeys: string[];
}

/**
 * Signing key and cookie secret of the development identity provider, generated once and kept in the data
 * folder (mode 600) so a restart does not invalidate the tokens and sessions it issued.
 */
export async function loadDevIdpSecrets(dataDir: string): Promise<DevIdpSecrets> {
  const folder = join(dataDir, 'dev-idp');
  const file = join(folder, 'secrets.json');
  const stored = await readFile(file, 'utf8').catch(() => null);
  if (stored !== null) return JSON.parse(stored) as DevIdpSecrets;

  const { privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  const signingKey: JWK = { ...(await exportJWK(privateKey)), kid: `dev-${randomBytes(6).toString('hex')}`, alg: 'RS256', use: 'sig' };
  const secrets: DevIdpSecrets = { signingKey, cookieKeys: [randomBytes(32).toString('base64url')] };
  await mkdir(folder, { recursive: true, mode: 0o700 });
  await writeFile(file, JSON.stringify(secrets), { mode: 0o600 });
  return secrets;
}
