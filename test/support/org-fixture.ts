import { patFor } from './dev-idp-tokens.js';
import type { RunningTestApp } from './test-app.js';

/** A signed-in user of a test: their PAT and user id. */
export interface TestUser {
  readonly email: string;
  readonly token: string;
  readonly userId: string;
}

/** Calls the API as a token holder; JSON in and out, as the CLI does. */
export function apiCaller(platform: RunningTestApp) {
  return (token: string, method: string, path: string, body?: unknown): Promise<Response> =>
    fetch(`${platform.origin}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
}

export async function signIn(platform: RunningTestApp, email: string): Promise<TestUser> {
  const { token } = await patFor(platform, email);
  const profile = (await (await apiCaller(platform)(token, 'GET', '/user')).json()) as { id: string };
  return { email, token, userId: profile.id };
}

/** Creates an organization owned by `owner`; returns its id. */
export async function createOrg(platform: RunningTestApp, owner: TestUser, name: string): Promise<string> {
  const response = await apiCaller(platform)(owner.token, 'POST', '/orgs', { name });
  if (response.status !== 201) throw new Error(`creating ${name}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}

/** Brings `email` into `orgId` the real way: invited by `inviter` with `roleIds` (default Member), accepted. */
export async function join(platform: RunningTestApp, orgId: string, inviter: TestUser, email: string, roleIds?: string[]): Promise<TestUser> {
  const call = apiCaller(platform);
  const member = await signIn(platform, email);
  const invited = await call(inviter.token, 'POST', `/orgs/${orgId}/invites`, roleIds ? { email, roleIds } : { email });
  if (invited.status !== 201) throw new Error(`inviting ${email}: ${invited.status} ${await invited.text()}`);
  const { id } = (await invited.json()) as { id: string };
  const accepted = await call(member.token, 'POST', `/invites/${id}/accept`);
  if (accepted.status !== 200) throw new Error(`accepting for ${email}: ${accepted.status} ${await accepted.text()}`);
  return member;
}

export async function roleId(platform: RunningTestApp, owner: TestUser, orgId: string, name: string): Promise<string> {
  const { roles } = (await (await apiCaller(platform)(owner.token, 'GET', `/orgs/${orgId}/roles`)).json()) as { roles: { id: string; name: string }[] };
  const role = roles.find((candidate) => candidate.name === name);
  if (!role) throw new Error(`no role ${name}`);
  return role.id;
}
