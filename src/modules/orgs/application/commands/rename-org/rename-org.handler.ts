import { CommandHandler } from '@nestjs/cqrs';
import { TransactionalCommandHandler } from '../../../../../shared/cqrs/transactional-command-handler.js';
import { OrgRenamedEvent } from '../../events/org-renamed.event.js';
import type { OrgSummary } from '../../queries/get-org/get-org.query.js';
import { RenameOrgCommand } from './rename-org.command.js';

interface RenamedRow {
  readonly previous_name: string;
  readonly id: string;
  readonly display_name: string;
  readonly public_alias: string;
  readonly slug: string;
  readonly is_personal: boolean;
  readonly created_at: Date;
  readonly disabled_at: Date | null;
}

const COLUMNS = 'o.id, o.display_name, o.public_alias, o.slug, o.is_personal, o.created_at, o.disabled_at';

function toSummary(row: Omit<RenamedRow, 'previous_name'>): OrgSummary {
  return {
    id: row.id,
    displayName: row.display_name,
    publicAlias: row.public_alias,
    slug: row.slug,
    isPersonal: row.is_personal,
    createdAt: row.created_at.toISOString(),
    disabledAt: row.disabled_at?.toISOString() ?? null,
  };
}

/**
 * Renames in one statement that locks the row, reads the name it replaces and writes the new one: the
 * row lock, which serialises concurrent renames of an organization, is held for that statement, the audit
 * row and the commit — not for an extra round trip to read the row first. The lock is the one an UPDATE
 * of non-key columns takes (FOR NO KEY UPDATE): rows of other tables that reference the organization go
 * on being inserted meanwhile, where FOR UPDATE would hold them back until the rename commits.
 */
@CommandHandler(RenameOrgCommand)
export class RenameOrgHandler extends TransactionalCommandHandler<RenameOrgCommand, OrgSummary> {
  protected async handle({ actor, orgId, displayName }: RenameOrgCommand): Promise<OrgSummary> {
    // TypeORM answers an UPDATE with [rows, affected count].
    const [renamed] = (await this.uow.manager.query(
      `UPDATE orgs o SET display_name = $2, updated_at = $3
         FROM (SELECT id, display_name FROM orgs WHERE id = $1 FOR NO KEY UPDATE) previous
        WHERE o.id = previous.id AND previous.display_name <> $2
        RETURNING previous.display_name AS previous_name, ${COLUMNS}`,
      [orgId, displayName, new Date()],
    )) as [RenamedRow[], number];
    const row = renamed[0];
    if (!row) {
      // Unchanged name (nothing written, nothing audited); the route's access check has shown the org exists.
      const [current] = (await this.uow.manager.query(`SELECT ${COLUMNS} FROM orgs o WHERE o.id = $1`, [orgId])) as RenamedRow[];
      return toSummary(current!);
    }
    this.uow.raise(new OrgRenamedEvent({ actor, orgId }, orgId, row.previous_name, displayName));
    return toSummary(row);
  }
}
