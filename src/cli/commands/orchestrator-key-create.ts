import { CommandBus } from '@nestjs/cqrs';
import { CreateOrchestratorKeyCommand } from '../../modules/tokens/index.js';
import type { CliCommand } from '../cli-command.js';
import { RefusedError, UsageError } from '../cli-errors.js';
import { EXIT } from '../exit-codes.js';
import { operatorCliActor } from '../operator-actor.js';
import { parseFlags, requiredFlag } from '../parse-flags.js';
import { cliConfig, withPlatform } from '../platform-session.js';
import { resolveOrg } from '../resolve-org.js';

const NAME = 'orchestrator-key create';
const MAX_NAME_LENGTH = 100;

export const orchestratorKeyCreateCommand: CliCommand = {
  name: NAME,
  summary: 'mint an orchestrator key (kici_ok_) for an organization; prints only the key',
  help: `Usage: kici-platform orchestrator-key create --org <orgId|slug> --name <name>

Creates an orchestrator key for the organization, as POST /api/v1/orgs/:orgId/orchestrator-keys does
(audited as orchestrator_key.create by actor system:platform-admin-cli). The key is printed once, alone
on stdout, so it can be captured:

  KICI_KEY=$(kici-platform orchestrator-key create --org acme --name build-cluster)

Only its SHA-256 is stored; a lost key is revoked and replaced, never shown again.

  --org    organization id (org_…) or slug
  --name   label shown in the key list (1-${MAX_NAME_LENGTH} characters)

Exit codes: 0 created, 64 usage, 65 unknown or disabled organization, 69 database unavailable,
78 invalid configuration.`,

  async run(args, io) {
    const flags = parseFlags(NAME, args, { org: { type: 'string' }, name: { type: 'string' } });
    const orgRef = requiredFlag(NAME, flags.org, '--org');
    const name = requiredFlag(NAME, flags.name, '--name');
    if (name.length > MAX_NAME_LENGTH) throw new UsageError(`--name may be at most ${MAX_NAME_LENGTH} characters`, NAME);
    const config = cliConfig();
    return withPlatform(config, io, async (app) => {
      const org = await resolveOrg(app, orgRef);
      if (org.disabledAt) throw new RefusedError(`Organization ${org.id} is disabled`);
      const created = await app.get(CommandBus).execute(new CreateOrchestratorKeyCommand(operatorCliActor(), org.id, name, null, [], null));
      io.err(`Created orchestrator key "${created.name}" (${created.id}) for ${org.id} (${org.slug}); it is shown once:`);
      io.out(created.key);
      return EXIT.OK;
    });
  },
};
