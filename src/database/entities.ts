import { AuditEventEntity } from '../modules/audit/infrastructure/audit-event.entity.js';
import { UserEntity } from '../modules/identity/infrastructure/user.entity.js';
import { PersonalAccessTokenEntity } from '../modules/tokens/infrastructure/personal-access-token.entity.js';

/** Every TypeORM entity of the Platform. The data source of the app and of the migration CLI both use this list. */
export const ENTITIES = [AuditEventEntity, UserEntity, PersonalAccessTokenEntity];
