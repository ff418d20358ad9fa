import type { DataSource } from 'typeorm';
import { runMigrationsExclusively } from '../../database/migrator.js';
import type { CliCommand, CliIo } from '../cli-command.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { parseFlags } from '../parse-flags.js';
import { cliConfig, withDataSource } from '../platform-session.js';

const NAME = 'migrate';

/** Names of the migrations recorded as applied; none when the bookkeeping table does not exist yet. */
async function appliedNames(dataSource: DataSource): Promise<Set<string>> {
  const table = dataSource.options.migrationsTableName ?? 'migrations';
  const [{ exists }] = (await dataSource.query('SELECT to_regclass($1) IS NOT NULL AS exists', [table])) as [{ exists: boolean }];
  if (!exists) return new Set();
  const rows = (await dataSource.query(`SELECT name FROM "${table}"`)) as { name: string }[];
  return new Set(rows.map((row) => row.name));
}

async function printStatus(dataSource: DataSource, io: CliIo): Promise<ExitCode> {
  const applied = await appliedNames(dataSource);
  const known = dataSource.migrations.map((migration) => migration.name ?? migration.constructor.name);
  const pending = known.filter((name) => !applied.has(name));
  for (const name of known) io.out(`${applied.has(name) ? 'applied' : 'pending'}  ${name}`);
  io.err(pending.length === 0 ? `Schema is up to date (${known.length} migrations applied)` : `${pending.length} of ${known.length} migrations pending`);
  return pending.length === 0 ? EXIT.OK : EXIT.CHECK_FAILED;
}

export const migrateCommand: CliCommand = {
  name: NAME,
  summary: 'apply pending database migrations, or list them with --status',
  help: `Usage: kici-platform migrate [--status]

Applies every pending migration, each in its own transaction, under the same PostgreSQL advisory lock
the server takes at start, so it is safe while replicas are starting. Prints the migrations it applied.

  --status   list every migration as "applied" or "pending" (stdout) and change nothing

Exit codes: 0 applied / up to date (with --status: nothing pending), 1 (--status only) migrations
pending, 64 usage, 69 database unavailable, 78 invalid configuration.`,

  async run(args, io) {
    const flags = parseFlags(NAME, args, { status: { type: 'boolean' } });
    const config = cliConfig();
    return withDataSource(config, io, async (dataSource) => {
      if (flags.status) return printStatus(dataSource, io);
      const applied = await runMigrationsExclusively(dataSource);
      for (const name of applied) io.out(`applied  ${name}`);
      io.err(applied.length > 0 ? `Applied ${applied.length} migration(s)` : 'Schema is up to date; nothing to apply');
      return EXIT.OK;
    });
  },
};
