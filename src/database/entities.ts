import { AuditEventEntity } from '../modules/audit/infrastructure/audit-event.entity.js';

/** Every TypeORM entity of the Platform. The data source of the app and of the migration CLI both use this list. */
export const ENTITIES = [AuditEventEntity];
