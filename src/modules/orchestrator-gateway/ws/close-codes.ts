/** Application close codes of the orchestrator protocol v1 (orchestrator-protocol.md §1). */
export const CloseCode = {
  AUTH_FAILED: 4001,
  AUTH_TIMEOUT: 4002,
  HEARTBEAT_TIMEOUT: 4004,
  UNSUPPORTED_PROTOCOL: 4005,
} as const;
