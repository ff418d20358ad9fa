import { Module } from '@nestjs/common';
import { AuditProjectionHandler } from './application/event-handlers/audit-projection.handler.js';
import { VerifyAuditChainHandler } from './application/queries/verify-audit-chain/verify-audit-chain.handler.js';
import { AuditLogRepository } from './infrastructure/audit-log.repository.js';

@Module({
  providers: [AuditLogRepository, AuditProjectionHandler, VerifyAuditChainHandler],
})
export class AuditModule {}
