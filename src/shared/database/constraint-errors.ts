import { QueryFailedError } from 'typeorm';

function sqlState(error: unknown): string | undefined {
  return error instanceof QueryFailedError ? (error.driverError as { code?: string } | undefined)?.code : undefined;
}

/** A unique constraint refused the write (SQLSTATE 23505). */
export function isUniqueViolation(error: unknown): boolean {
  return sqlState(error) === '23505';
}

/** A foreign key refused the write (SQLSTATE 23503): what it points at does not exist (any more). */
export function isForeignKeyViolation(error: unknown): boolean {
  return sqlState(error) === '23503';
}
