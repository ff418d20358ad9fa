import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { isAuditable } from '../../../../shared/cqrs/auditable.js';
import { type BlockingEventHandler, BlockingEventsHandler } from '../../../../shared/cqrs/blocking-event-handler.js';
import type { DomainEvent } from '../../../../shared/cqrs/domain-event.js';
import { AuditLogRepository } from '../../infrastructure/audit-log.repository.js';

/**
 * Writes the audit row of every auditable event inside the transaction that raised it: the row exists
 * exactly when the change committed.
 */
@Injectable()
@BlockingEventsHandler({ all: true })
export class AuditProjectionHandler implements BlockingEventHandler {
  constructor(private readonly auditLog: AuditLogRepository) {}

  async handle(event: DomainEvent, manager: EntityManager): Promise<void> {
    if (!isAuditable(event)) return;
    await this.auditLog.append(manager, event.metadata, event.toAuditRecord());
  }
}
