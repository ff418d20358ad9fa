import { operationDisabledDetails, WRITE_OPERATIONS_BY_REQUEST } from './dashboard-write-operations.js';

describe('dashboard write operations', () => {
  it('lists the 26 gated operations, each once', () => {
    const operations = [...WRITE_OPERATIONS_BY_REQUEST.values()].map((entry) => entry.operation);
    expect(operations).toHaveLength(26);
    expect(new Set(operations).size).toBe(26);
  });

  it('builds the documented 403 envelope', () => {
    expect(operationDisabledDetails(WRITE_OPERATIONS_BY_REQUEST.get('dashboard.environments.secrets.set')!)).toEqual({
      operation: 'secrets.set',
      category: 'Secrets',
      label: 'Set secret value',
      message: 'This orchestrator has disabled "Set secret value" via dashboard.',
      cliEquivalent: 'kici-admin secret set',
    });
  });
});
