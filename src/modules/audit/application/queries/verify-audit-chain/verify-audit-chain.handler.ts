import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { type ChainedAuditContent, chainKeyOf, findChainBreak } from '../../../domain/audit-chain.js';
import { entityColumns } from '../../../../../shared/database/entity-columns.js';
import { AuditEventEntity } from '../../../infrastructure/audit-event.entity.js';
import { type AuditChainVerification, VerifyAuditChainQuery } from './verify-audit-chain.query.js';

const BATCH_SIZE = 1000;

type SealedRow = ChainedAuditContent & { readonly hash: string };

/** The query selects sealed rows only; the check keeps the types honest should that ever change. */
function sealed(row: AuditEventEntity): SealedRow {
  if (row.seq === null || row.prevHash === null || row.hash === null) throw new Error(`audit row ${row.id} is not sealed`);
  return row as SealedRow;
}

@QueryHandler(VerifyAuditChainQuery)
export class VerifyAuditChainHandler implements IQueryHandler<VerifyAuditChainQuery, AuditChainVerification> {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Walks the sealed rows of the chain in `seq` order, a batch at a time, so a long chain never sits in
   * memory whole; then counts the rows still waiting to be sealed.
   */
  async execute({ orgId }: VerifyAuditChainQuery): Promise<AuditChainVerification> {
    const chainKey = chainKeyOf(orgId);
    // The entity's columns, read exactly as the sealer reads the rows it hashes.
    const columns = entityColumns(this.dataSource.manager, AuditEventEntity);
    let previous: SealedRow | null = null;
    let rowsChecked = 0;
    for (;;) {
      const batch = (await this.dataSource.query(
        `SELECT ${columns} FROM audit_events WHERE chain_key = $1 AND seq IS NOT NULL AND seq > $2 ORDER BY seq LIMIT ${BATCH_SIZE}`,
        [chainKey, previous?.seq ?? '0'],
      )) as AuditEventEntity[];
      const rows = batch.map(sealed);
      if (rows.length === 0) return { chainKey, rowsChecked, firstBreak: null, rowsPendingSeal: await this.pending(chainKey) };
      const firstBreak = findChainBreak(rows, previous);
      if (firstBreak) {
        const checked = rowsChecked + rows.findIndex((row) => row.id === firstBreak.id);
        return { chainKey, rowsChecked: checked, firstBreak, rowsPendingSeal: await this.pending(chainKey) };
      }
      rowsChecked += rows.length;
      previous = rows[rows.length - 1]!;
    }
  }

  private async pending(chainKey: string): Promise<number> {
    const [{ count }] = (await this.dataSource.query('SELECT count(*)::int AS count FROM audit_events WHERE chain_key = $1 AND seq IS NULL', [chainKey])) as [
      { count: number },
    ];
    return count;
  }
}
