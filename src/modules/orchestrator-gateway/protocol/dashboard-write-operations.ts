/**
 * The 26 dashboard write operations an orchestrator's operator can switch off (orchestrator-protocol
 * §2.9.5), by the request type that performs each. Labels are ours, for the 403 message.
 */
export interface WriteOperation {
  readonly operation: string;
  readonly category: string;
  readonly label: string;
  readonly cliEquivalent: string;
}

const op = (operation: string, category: string, label: string, cliEquivalent: string): WriteOperation => ({ operation, category, label, cliEquivalent });

export const WRITE_OPERATIONS_BY_REQUEST: ReadonlyMap<string, WriteOperation> = new Map([
  ['dashboard.environments.secrets.set', op('secrets.set', 'Secrets', 'Set secret value', 'kici-admin secret set')],
  ['dashboard.environments.secrets.delete', op('secrets.delete', 'Secrets', 'Delete secret', 'kici-admin secret delete')],
  ['dashboard.environments.secrets.scope.create', op('secrets.scope.create', 'Secrets', 'Create secret scope', 'kici-admin secret scope create')],
  ['dashboard.environments.secrets.scope.rename', op('secrets.scope.rename', 'Secrets', 'Rename secret scope', 'kici-admin secret scope rename')],
  ['dashboard.environments.secrets.scope.delete', op('secrets.scope.delete', 'Secrets', 'Delete secret scope', 'kici-admin secret scope delete')],
  ['dashboard.environments.variables.set', op('variables.set', 'Variables', 'Set variable', 'kici-admin variable set')],
  ['dashboard.environments.variables.delete', op('variables.delete', 'Variables', 'Delete variable', 'kici-admin variable delete')],
  ['dashboard.environments.create', op('environments.create', 'Environments', 'Create environment', 'kici-admin environment create')],
  ['dashboard.environments.update', op('environments.update', 'Environments', 'Update environment policy', 'kici-admin environment set-policy')],
  [
    'dashboard.environments.test_access.set',
    op('environments.test_access.set', 'Environments', 'Allow local execution', 'kici-admin environment set-policy --allow-local-execution'),
  ],
  ['dashboard.environments.delete', op('environments.delete', 'Environments', 'Delete environment', 'kici-admin environment delete')],
  ['dashboard.environments.bindings.set', op('environments.bindings.set', 'Bindings', 'Set environment bindings', 'kici-admin environment bind')],
  [
    'dashboard.environments.source-overrides.set',
    op('environments.source_overrides.set', 'Bindings', 'Set source override', 'kici-admin environment source-override set'),
  ],
  [
    'dashboard.environments.source-overrides.delete',
    op('environments.source_overrides.delete', 'Bindings', 'Delete source override', 'kici-admin environment source-override delete'),
  ],
  ['dashboard.held-runs.approve', op('held_runs.approve', 'Held runs', 'Approve held run', 'kici-admin runs approve')],
  ['dashboard.held-runs.reject', op('held_runs.reject', 'Held runs', 'Reject held run', 'kici-admin runs reject')],
  ['dashboard.event-dlq.retry', op('event_dlq.retry', 'DLQ', 'Retry dead-lettered event', 'kici-admin event-dlq retry')],
  ['dashboard.event-dlq.discard', op('event_dlq.discard', 'DLQ', 'Discard dead-lettered event', 'kici-admin event-dlq discard')],
  ['dashboard.registration.disable', op('registration.disable', 'Registrations', 'Disable registration', 'kici-admin registration disable')],
  ['dashboard.registration.delete', op('registration.delete', 'Registrations', 'Delete registration', 'kici-admin registration delete')],
  ['dashboard.global-workflows.update', op('global_workflows.update', 'Topology', 'Update global workflows', 'kici-admin org-settings global-workflows set')],
  ['dashboard.backends.sync', op('backends.sync', 'Topology', 'Sync backends', 'kici-admin backend sync')],
  ['dashboard.backends.sync.one', op('backends.sync_one', 'Topology', 'Sync one backend', 'kici-admin backend sync --one')],
  ['dashboard.backends.test', op('backends.test', 'Topology', 'Test backend', 'kici-admin backend test')],
  ['dashboard.fleet.host.declare', op('fleet.host.declare', 'Fleet', 'Declare fleet host', 'kici-admin host declare')],
  ['dashboard.fleet.host.remove', op('fleet.host.remove', 'Fleet', 'Remove fleet host', 'kici-admin host remove')],
]);

/** The 403 body when an orchestrator's policy disables `operation` (platform-domain §10). */
export function operationDisabledDetails(operation: WriteOperation): Record<string, string> {
  return {
    operation: operation.operation,
    category: operation.category,
    label: operation.label,
    message: `This orchestrator has disabled "${operation.label}" via dashboard.`,
    cliEquivalent: operation.cliEquivalent,
  };
}
