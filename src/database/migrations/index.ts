import { CreateAuditEvents1795881241812 } from './1795881241812-CreateAuditEvents.js';

/** Migrations in the order they apply. A new migration is generated, read, and added here. */
export const MIGRATIONS = [CreateAuditEvents1795881241812];
