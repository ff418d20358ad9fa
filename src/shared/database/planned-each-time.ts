/**
 * Starts a statement that must be planned at each execution, so it is never prepared. For a statement
 * whose best plan moves with a table that grows fast from empty: PostgreSQL may settle on one generic plan
 * for a prepared statement after five executions, and keeps it until the table is next analyzed — the
 * event log's earlier-receipt lookup, planned while the table was nearly empty, went on scanning all of it
 * (450 pages a call at 16,000 rows) for the first minute of a fresh install.
 */
export const PLANNED_EACH_TIME = '/* planned each time */ ';
