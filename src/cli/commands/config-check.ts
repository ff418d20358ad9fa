import { ConfigError } from '../../config/load-config.js';
import type { CliCommand } from '../cli-command.js';
import { describeConfig } from '../config-summary.js';
import { EXIT } from '../exit-codes.js';
import { parseFlags } from '../parse-flags.js';
import { cliConfig } from '../platform-session.js';

const NAME = 'config check';

export const configCheckCommand: CliCommand = {
  name: NAME,
  summary: 'validate the configuration from the environment, as the server would',
  help: `Usage: kici-platform config check

Reads the environment exactly as the server does at start (same variables, defaults and rules) without
touching the database. Invalid: every problem on stderr, exit 78 (the server's own exit code). Valid:
the effective settings as "key = value" lines on stdout, the database password and KICI_SECRET_KEY
masked, and unknown KICI_* names reported on stderr.

Exit codes: 0 valid, 64 usage, 78 invalid configuration.`,

  async run(args, io) {
    parseFlags(NAME, args, {});
    let config;
    try {
      config = cliConfig();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      io.err(error.message);
      return EXIT.CONFIG;
    }
    for (const line of describeConfig(config)) io.out(line);
    for (const name of config.unknownVariables) io.err(`Warning: unknown setting ${name} (ignored by the server)`);
    io.err('Configuration is valid');
    return EXIT.OK;
  },
};
