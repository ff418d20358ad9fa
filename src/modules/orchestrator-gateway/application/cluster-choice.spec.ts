import { DomainError } from '../../../shared/errors/domain-error.js';
import type { CandidateRow } from './candidate-rows.js';
import { chooseTarget, viewOfRows } from './cluster-choice.js';

const row = (connectionId: string, clusterName: string | null, registered = true): CandidateRow => ({
  connectionId,
  replicaId: 'replica-a',
  clusterName,
  version: '0.1.24',
  capabilities: {},
  registered,
});

const refusal = (outcome: unknown): { code: string; message: string; details?: unknown } => {
  expect(outcome).toBeInstanceOf(DomainError);
  const { code, message, details } = outcome as DomainError;
  return { code, message, details };
};

describe('chooseTarget', () => {
  const two = viewOfRows([row('c1', 'eu-1'), row('c2', 'us-1')]);

  it('routes to the only connected cluster, whatever its name', () => {
    expect(chooseTarget(viewOfRows([row('c1', 'eu-1')]), {})).toMatchObject({ connectionId: 'c1' });
    expect(chooseTarget(viewOfRows([row('c1', null)]), {})).toMatchObject({ connectionId: 'c1' });
  });

  it('refuses several clusters as ambiguous, naming them sorted', () => {
    expect(refusal(chooseTarget(viewOfRows([row('c2', 'us-1'), row('c1', 'eu-1')]), {}))).toEqual({
      code: 'GATEWAY.AMBIGUOUS_CLUSTER',
      message: 'ambiguous_cluster',
      details: { message: 'Multiple orchestrators are connected; choose one of: eu-1, us-1', clusters: ['eu-1', 'us-1'] },
    });
  });

  it('honours the recorded cluster, then the explicit one, then the default one when connected', () => {
    expect(chooseTarget(two, { recordedCluster: 'us-1', cluster: 'eu-1' })).toMatchObject({ connectionId: 'c2' });
    expect(refusal(chooseTarget(two, { recordedCluster: 'ap-1' })).code).toBe('GATEWAY.ORCHESTRATOR_OFFLINE');
    expect(chooseTarget(two, { cluster: 'eu-1' })).toMatchObject({ connectionId: 'c1' });
    expect(refusal(chooseTarget(two, { cluster: 'ap-1' }))).toEqual({
      code: 'GATEWAY.NO_CLUSTER',
      message: 'no_cluster',
      details: { message: 'Orchestrator cluster "ap-1" is not connected', clusters: ['eu-1', 'us-1'] },
    });
    expect(chooseTarget(two, { defaultCluster: 'us-1' })).toMatchObject({ connectionId: 'c2' });
    expect(refusal(chooseTarget(two, { defaultCluster: 'ap-1' })).code).toBe('GATEWAY.AMBIGUOUS_CLUSTER');
  });

  it('answers nothing connected as offline, or no_cluster for kici run remote', () => {
    expect(refusal(chooseTarget(viewOfRows([]), {})).code).toBe('GATEWAY.ORCHESTRATOR_OFFLINE');
    expect(refusal(chooseTarget(viewOfRows([]), { whenNoneConnected: 'no_cluster' }))).toEqual({
      code: 'GATEWAY.NO_CLUSTER',
      message: 'no_cluster',
      details: { message: 'No orchestrator is connected for this organization.', clusters: [] },
    });
  });

  it('does not count a session that has not registered yet as a cluster while registered ones exist', () => {
    expect(chooseTarget(viewOfRows([row('c1', 'eu-1'), row('c9', null, false)]), {})).toMatchObject({ connectionId: 'c1' });
    expect(chooseTarget(viewOfRows([row('c9', null, false)]), {})).toMatchObject({ connectionId: 'c9' });
  });
});
