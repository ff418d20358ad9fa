/**
 * Every error code the API can answer with, and its HTTP status. Codes are `MODULE.REASON`; a module adds
 * its own here so the one exception filter maps all of them, and the compiler rejects an unmapped code.
 */
export const ERROR_STATUS = {
  'HTTP.BAD_REQUEST': 400,
  'HTTP.MALFORMED_JSON': 400,
  'HTTP.VALIDATION_FAILED': 400,
  'HTTP.NOT_FOUND': 404,
  'HTTP.METHOD_NOT_ALLOWED': 405,
  'HTTP.PAYLOAD_TOO_LARGE': 413,
  'HTTP.UNSUPPORTED_MEDIA_TYPE': 415,
  'HTTP.RATE_LIMITED': 429,
  'AUTH.UNAUTHENTICATED': 401,
  'AUTH.INVALID_TOKEN': 401,
  'AUTH.MALFORMED_TOKEN': 401,
  'AUTH.TOKEN_EXPIRED': 401,
  'AUTH.ORCHESTRATOR_KEY_ON_HTTP': 401,
  'AUTH.CREDENTIAL_NOT_ACCEPTED': 403,
  'AUTH.FORBIDDEN': 403,
  'AUTH.ROUTE_NOT_DECLARED': 403,
  'ORGS.NOT_MEMBER': 403,
  'ORGS.DISABLED': 403,
  'ORGS.MEMBER_SUSPENDED': 403,
  'ORGS.OWNER_REQUIRED': 403,
  'RBAC.FORBIDDEN': 403,
  'RBAC.ROLE_NOT_FOUND': 404,
  'RBAC.ROLE_NAME_TAKEN': 409,
  'RBAC.OWNER_ROLE_IMMUTABLE': 403,
  'RBAC.LAST_OWNER': 409,
  'ORGS.MEMBER_NOT_FOUND': 404,
  'ORGS.ALREADY_MEMBER': 409,
  'ORGS.INVITE_NOT_FOUND': 404,
  'ORGS.INVITE_EXISTS': 409,
  'ORGS.INVITE_NOT_PENDING': 409,
  'ORGS.INVITE_EXPIRED': 410,
  'TOKENS.PAT_NOT_FOUND': 404,
  'TOKENS.AGENT_CANNOT_MINT': 403,
  'INTERNAL.ERROR': 500,
  'SERVICE.UNAVAILABLE': 503,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** The HTTP status an error code is answered with. */
export function statusOf(code: ErrorCode): number {
  return ERROR_STATUS[code];
}
