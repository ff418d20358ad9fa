/** Environment variables through which the global setup hands the test PostgreSQL to the suites. */
export const TEST_PG_URL_ENV = 'KICI_TEST_POSTGRES_ADMIN_URL';
export const TEST_PG_DATA_ENV = 'KICI_TEST_POSTGRES_DATA_DIR';
export const TEMPLATE_DATABASE = 'kici_template';
