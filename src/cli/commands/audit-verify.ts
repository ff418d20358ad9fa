import { QueryBus } from '@nestjs/cqrs';
import { VerifyAuditChainQuery } from '../../modules/audit/index.js';
import { FindOrgQuery } from '../../modules/orgs/index.js';
import { ORG_ID_PATTERN } from '../../shared/ids/org-id.js';
import type { CliCommand } from '../cli-command.js';
import { RefusedError } from '../cli-errors.js';
import { EXIT } from '../exit-codes.js';
import { parseFlags } from '../parse-flags.js';
import { cliConfig, withPlatform } from '../platform-session.js';

const NAME = 'audit verify';

export const auditVerifyCommand: CliCommand = {
  name: NAME,
  summary: "re-compute an organization's (or the Platform's) audit hash chain",
  help: `Usage: kici-platform audit verify [--org <orgId|slug>]

Walks the audit chain in order and re-computes every row's SHA-256 and its link to the row before, as
GET /api/v1/orgs/:orgId/audit/verify does. Without --org it checks the Platform chain (events that
belong to no organization: first sign-ins, authentication failures). Rows are append-only (database
triggers refuse DELETE, TRUNCATE and every UPDATE but the one that seals a row into its chain), so a
break means someone went around them. A row is sealed shortly after its commit; rows committed but not
sealed yet are counted, not checked.

  --org   organization id (org_…) or slug; an org_ id whose organization row is gone is still checked

Prints "intact: <chain> (<n> rows)" on stdout (", <m> awaiting sealing" when some are), or the first
broken row on stderr:
"BROKEN: <chain> at seq <n> (row <id>): <hash_mismatch|prev_hash_mismatch|sequence_gap>".

Exit codes: 0 intact, 1 broken, 64 usage, 65 no such organization or chain, 69 database unavailable,
78 invalid configuration.`,

  async run(args, io) {
    const flags = parseFlags(NAME, args, { org: { type: 'string' } });
    const orgRef = flags.org?.trim();
    const config = cliConfig();
    return withPlatform(config, io, async (app) => {
      const queries = app.get(QueryBus);
      let orgId: string | null = null;
      if (orgRef !== undefined) {
        const org = await queries.execute(new FindOrgQuery(orgRef));
        if (!org && !ORG_ID_PATTERN.test(orgRef)) throw new RefusedError(`No organization with id or slug "${orgRef}"`);
        orgId = org?.id ?? orgRef;
      }
      const result = await queries.execute(new VerifyAuditChainQuery(orgId));
      if (result.firstBreak) {
        const { seq, id, reason } = result.firstBreak;
        io.err(`BROKEN: ${result.chainKey} at seq ${seq} (row ${id}): ${reason}; ${result.rowsChecked} row(s) before it verify`);
        return EXIT.CHECK_FAILED;
      }
      if (orgId !== null && result.rowsChecked === 0 && result.rowsPendingSeal === 0) {
        const known = await queries.execute(new FindOrgQuery(orgId));
        if (!known) throw new RefusedError(`No organization or audit chain for "${orgRef}"`);
      }
      const pending = result.rowsPendingSeal > 0 ? `, ${result.rowsPendingSeal} awaiting sealing` : '';
      io.out(`intact: ${result.chainKey} (${result.rowsChecked} rows${pending})`);
      return EXIT.OK;
    });
  },
};
