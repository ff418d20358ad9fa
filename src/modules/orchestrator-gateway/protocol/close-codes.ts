/** Close codes of the orchestrator protocol v1 (orchestrator-protocol.md §1.9). */
export const CloseCode = {
  GOING_AWAY: 1001,
  UNAUTHORIZED: 4001,
  AUTH_TIMEOUT: 4002,
  INVALID_MESSAGE: 4003,
  HEARTBEAT_TIMEOUT: 4004,
  PROTOCOL_ERROR: 4005,
  INTERNAL_ERROR: 4006,
} as const;

/** The lowest protocol version the Platform speaks; newer versions are accepted (minimum-version semantics). */
export const MIN_PROTOCOL_VERSION = 1;
