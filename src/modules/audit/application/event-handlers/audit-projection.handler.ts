import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { isAuditable } from '../../../../shared/cqrs/auditable.js';
import { type BlockingEventHandler, BlockingEventsHandler } from '../../../../shared/cqrs/blocking-event-handler.js';
import type { DomainEvent } from '../../../../shared/cqrs/domain-event.js';
import { UnitOfWork } from '../../../../shared/cqrs/unit-of-work.js';
import { AuditLogRepository } from '../../infrastructure/audit-log.repository.js';

/**
 * Writes the audit row of every auditable event inside the transaction that raised it: the row exists
 * exactly when the change committed. The INSERT is sent along with the COMMIT rather than answered before
 * it, so the audit row costs the transaction no extra round trip while it holds the change's row locks.
 */
@Injectable()
@BlockingEventsHandler({ all: true })
export class AuditProjectionHandler implements BlockingEventHandler {
  constructor(
    private readonly auditLog: AuditLogRepository,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  handle(event: DomainEvent, manager: EntityManager): Promise<void> {
    if (isAuditable(event)) this.unitOfWork.sendAlong(this.auditLog.append(manager, event.metadata, event.toAuditRecord()));
    return Promise.resolve();
  }
}
