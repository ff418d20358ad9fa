import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { z } from 'zod';
import type { AppConfig } from '../../config/app-config.js';
import { IssuerResolver, SignInUserCommand } from '../../modules/identity/index.js';
import { BootstrapOrgCommand, type BootstrapOrgResult, RespondToInviteCommand } from '../../modules/orgs/index.js';
import { CreatePatCommand, ListPatsQuery } from '../../modules/tokens/index.js';
import type { Actor } from '../../shared/auth/actor.js';
import type { UserPrincipal } from '../../shared/auth/principal.js';
import { UnitOfWork } from '../../shared/cqrs/unit-of-work.js';
import { uuidv7 } from '../../shared/ids/uuid-v7.js';
import type { CliCommand, CliIo } from '../cli-command.js';
import { UsageError } from '../cli-errors.js';
import { EXIT } from '../exit-codes.js';
import { operatorCliActor } from '../operator-actor.js';
import { parseFlags, requiredFlag } from '../parse-flags.js';
import { cliConfig, withPlatform } from '../platform-session.js';

const NAME = 'bootstrap';
/** The longest an invitation may live (the API's own limit): the owner may not sign in the same day. */
const OWNER_INVITE_DAYS = 30;
/** Name of the token `--pat` mints; finding an active one is how a second run knows to mint none. */
export const BOOTSTRAP_PAT_NAME = 'kici-platform bootstrap';

const emailSchema = z.email();

interface PatOutcome {
  readonly userId: string;
  /** The secret when minted by this run; null when an earlier run's token is still active. */
  readonly token: string | null;
  readonly joined: boolean;
}

/**
 * `--pat`: a personal access token for the Owner, so a development Platform is usable without a browser.
 * An invited Owner is first created as the development identity provider's first sign-in would (subject =
 * their email) and joins through the invitation; an Owner who is already a member gets the token as is.
 */
async function ownerWithPat(app: NestFastifyApplication, actor: Actor, email: string, bootstrap: BootstrapOrgResult): Promise<PatOutcome> {
  const commands = app.get(CommandBus);
  let userId: string;
  let joined = false;
  if (bootstrap.owner.kind === 'owner') {
    userId = bootstrap.owner.userId;
  } else {
    const issuer = app.get(IssuerResolver).issuer();
    const displayName = email.split('@')[0]!;
    const user = await commands.execute(new SignInUserCommand({ issuer, subject: email, email, emailVerified: true, displayName }));
    const invitee: UserPrincipal = { kind: 'user', credential: 'oidc', userId: user.id, issuer, subject: email, email, emailVerified: true, displayName, pat: null };
    await commands.execute(new RespondToInviteCommand(actor, bootstrap.owner.invite.id, invitee, true));
    userId = user.id;
    joined = true;
  }
  const active = await app.get(QueryBus).execute(new ListPatsQuery(userId));
  if (active.some((pat) => pat.name === BOOTSTRAP_PAT_NAME && !pat.expired)) return { userId, token: null, joined };
  const pat = await commands.execute(
    new CreatePatCommand(actor, userId, { name: BOOTSTRAP_PAT_NAME, kind: 'user', agentLabel: null, expiresInDays: null, scopes: null }),
  );
  return { userId, token: pat.token, joined };
}

function report(io: CliIo, app: NestFastifyApplication, config: AppConfig, bootstrap: BootstrapOrgResult, pat: PatOutcome | null): void {
  const { org, owner } = bootstrap;
  io.err(
    bootstrap.orgCreated
      ? `Created organization "${org.displayName}" (${org.id}, slug ${org.slug})`
      : `Organization "${org.displayName}" (${org.id}, slug ${org.slug}) already exists`,
  );
  io.out(`org_id=${org.id}`);
  io.out(`org_slug=${org.slug}`);
  if (pat) {
    io.err(pat.joined ? 'The owner joined as Owner through the invitation' : 'The owner is already a member with the Owner role');
    io.out(`owner_user_id=${pat.userId}`);
    if (pat.token) {
      io.err(`Personal access token "${BOOTSTRAP_PAT_NAME}" for the owner; it is shown once:`);
      io.out(`pat=${pat.token}`);
    } else {
      io.err(`The owner already has an active "${BOOTSTRAP_PAT_NAME}" token; none minted (revoke it to get a new one)`);
    }
  } else if (owner.kind === 'owner') {
    io.err(owner.changed ? 'The owner was a member; given the Owner role' : 'The owner is already a member with the Owner role');
    io.out(`owner_user_id=${owner.userId}`);
  } else {
    const acceptUrl = `${app.get(IssuerResolver).publicOrigin()}${config.http.basePath}/api/v1/invites/${owner.invite.id}/accept`;
    io.err(
      `${owner.changed ? 'Invited' : 'Already invited:'} ${owner.invite.email} as Owner (expires ${owner.invite.expiresAt}). ` +
        'After signing in they accept it (GET /api/v1/invites/pending lists it) with POST to the accept URL.',
    );
    io.out(`owner_invite_id=${owner.invite.id}`);
    io.out(`owner_accept_url=${acceptUrl}`);
  }
  const changed = bootstrap.orgCreated || owner.changed || (pat !== null && (pat.joined || pat.token !== null));
  io.err(changed ? 'Bootstrap complete' : 'Nothing changed: already bootstrapped');
}

export const bootstrapCommand: CliCommand = {
  name: NAME,
  summary: 'create the first organization and invite its Owner (idempotent)',
  help: `Usage: kici-platform bootstrap --owner-email <email> --org-name <name> [--pat]

Creates an organization with no members and invites <email> as its Owner (valid ${OWNER_INVITE_DAYS} days).
Users exist only once they sign in through the identity provider, so the Owner signs in (kici login or
the dashboard) and accepts the invitation: GET /api/v1/invites/pending, then POST the printed accept URL.
Everything happens in one transaction through the Platform's own commands, audited with actor
system:platform-admin-cli.

Idempotent: an organization whose slug matches the name is reused, and an Owner who is already a member
(given the Owner role if missing) or already invited changes nothing; a second run says
"Nothing changed" and exits 0.

  --owner-email   the Owner's email address (as their identity provider reports it, verified)
  --org-name      display name of the organization (1-100 characters); its slug is derived from it
  --pat           development identity provider only (KICI_OIDC_ISSUER unset): also create the Owner
                  as a first sign-in would, accept the invitation, and mint a personal access token
                  "${BOOTSTRAP_PAT_NAME}" (printed once; not again while it is active)

stdout (key=value lines, for scripts): org_id, org_slug, then owner_invite_id and owner_accept_url, or
owner_user_id (and pat=kici_pat_… when one was minted). Narrative on stderr.

Exit codes: 0 done or nothing to do, 64 usage, 65 refused (organization disabled, a conflicting
pending invitation), 69 database unavailable, 78 invalid configuration.`,

  async run(args, io) {
    const flags = parseFlags(NAME, args, { 'owner-email': { type: 'string' }, 'org-name': { type: 'string' }, pat: { type: 'boolean' } });
    const email = requiredFlag(NAME, flags['owner-email'], '--owner-email').toLowerCase();
    if (!emailSchema.safeParse(email).success || email.length > 320) throw new UsageError(`--owner-email: "${email}" is not an email address`, NAME);
    const orgName = requiredFlag(NAME, flags['org-name'], '--org-name');
    if (orgName.length > 100) throw new UsageError('--org-name may be at most 100 characters', NAME);
    const config = cliConfig();
    if (flags.pat && config.oidc.issuer !== null) {
      throw new UsageError('--pat works only with the development identity provider (KICI_OIDC_ISSUER unset); with a real one the Owner signs in and accepts the invitation', NAME);
    }
    return withPlatform(config, io, async (app) => {
      const actor = operatorCliActor();
      // One transaction for the whole run: the organization, the invitation, and with --pat the user,
      // the membership and the token commit together with their audit rows, or none of them does.
      const { bootstrap, pat } = await app.get(UnitOfWork).run(async () => {
        const bootstrap = await app.get(CommandBus).execute(new BootstrapOrgCommand(actor, orgName, email, OWNER_INVITE_DAYS));
        return { bootstrap, pat: flags.pat ? await ownerWithPat(app, actor, email, bootstrap) : null };
      }, uuidv7());
      report(io, app, config, bootstrap, pat);
      return EXIT.OK;
    });
  },
};
