import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { chainKeyOf, findChainBreak } from '../../../domain/audit-chain.js';
import { AuditEventEntity } from '../../../infrastructure/audit-event.entity.js';
import { type AuditChainVerification, VerifyAuditChainQuery } from './verify-audit-chain.query.js';

const BATCH_SIZE = 1000;

@QueryHandler(VerifyAuditChainQuery)
export class VerifyAuditChainHandler implements IQueryHandler<VerifyAuditChainQuery, AuditChainVerification> {
  constructor(private readonly dataSource: DataSource) {}

  /** Walks the chain in `seq` order, a batch at a time, so a long chain never sits in memory whole. */
  async execute({ orgId }: VerifyAuditChainQuery): Promise<AuditChainVerification> {
    const chainKey = chainKeyOf(orgId);
    const repository = this.dataSource.getRepository(AuditEventEntity);
    let previous: AuditEventEntity | null = null;
    let rowsChecked = 0;
    for (;;) {
      const query = repository
        .createQueryBuilder('event')
        .where('event.chain_key = :chainKey', { chainKey })
        .orderBy('event.seq', 'ASC')
        .limit(BATCH_SIZE);
      if (previous) query.andWhere('event.seq > :after', { after: previous.seq });
      const rows = await query.getMany();
      if (rows.length === 0) return { chainKey, rowsChecked, firstBreak: null };
      const firstBreak = findChainBreak(rows, previous);
      if (firstBreak) {
        return { chainKey, rowsChecked: rowsChecked + rows.findIndex((row) => row.id === firstBreak.id), firstBreak };
      }
      rowsChecked += rows.length;
      previous = rows[rows.length - 1]!;
    }
  }
}
