import { Module } from '@nestjs/common';
import { AuditProjectionHandler } from './application/event-handlers/audit-projection.handler.js';
import { ListAuditEventsHandler } from './application/queries/list-audit-events/list-audit-events.handler.js';
import { VerifyAuditChainHandler } from './application/queries/verify-audit-chain/verify-audit-chain.handler.js';
import { AuditSealScheduler } from './application/sealing/audit-seal-scheduler.js';
import { OrchestratorGatewayModule } from '../orchestrator-gateway/index.js';
import { AccessLogController } from './http/access-log.controller.js';
import { ActivityController } from './http/activity.controller.js';
import { AuditController } from './http/audit.controller.js';
import { AuditChainSealer } from './infrastructure/audit-chain-sealer.js';
import { AuditLogRepository } from './infrastructure/audit-log.repository.js';

@Module({
  imports: [OrchestratorGatewayModule],
  controllers: [AuditController, ActivityController, AccessLogController],
  providers: [AuditLogRepository, AuditProjectionHandler, AuditChainSealer, AuditSealScheduler, VerifyAuditChainHandler, ListAuditEventsHandler],
})
export class AuditModule {}
