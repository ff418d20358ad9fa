import { DomainError } from '../../../shared/errors/domain-error.js';
import { describeDelivery } from './delivery-description.js';

const ORG = 'org_abcdefghijkl';
const github = {
  'x-github-hook-installation-target-id': '123',
  'x-github-hook-installation-target-type': 'integration',
  'x-github-event': 'pull_request',
  'x-github-delivery': 'd-1',
  'x-hub-signature-256': 'sha256=ab',
  'content-type': 'application/json',
};

describe('describeDelivery', () => {
  it('routes a GitHub App delivery by its app id and carries its signature header', () => {
    expect(describeDelivery(ORG, { provider: 'github' }, github, '10.0.0.1', 'req-1').envelope).toEqual({
      routingKey: 'github:123',
      deliveryId: 'd-1',
      event: 'pull_request',
      action: null,
      signatureHeaderName: 'x-hub-signature-256',
      signatureHeader: 'sha256=ab',
      clientIp: '10.0.0.1',
      headers: github,
      requestId: 'req-1',
    });
  });

  it('routes a generic delivery by org and source, with the default event and a made-up delivery id when none is sent', () => {
    const { envelope, deliveryIdIssued } = describeDelivery(ORG, { provider: 'generic', sourceId: 'src-1' }, { 'x-signature-256': 'sha256=cd' }, null, 'req-2');
    expect(deliveryIdIssued).toBe(true);
    expect(envelope).toMatchObject({ routingKey: `generic:${ORG}:src-1`, event: 'default', signatureHeaderName: 'x-signature-256', signatureHeader: 'sha256=cd' });
    expect(envelope.deliveryId).toMatch(/^[0-9a-f-]{36}$/);
    expect(describeDelivery(ORG, { provider: 'generic', sourceId: 's' }, { 'webhook-id': 'msg_1', 'x-event-type': 'deploy' }, null, 'r')).toMatchObject({
      envelope: { deliveryId: 'msg_1', event: 'deploy', signatureHeaderName: null },
      deliveryIdIssued: false,
    });
  });

  it.each([
    ['no app id', { ...github, 'x-github-hook-installation-target-id': undefined }],
    ['a non-numeric app id', { ...github, 'x-github-hook-installation-target-id': '12a' }],
    ['a repository hook', { ...github, 'x-github-hook-installation-target-type': 'repository' }],
    ['no event', { ...github, 'x-github-event': undefined }],
    ['a delivery id with spaces', { ...github, 'x-github-delivery': 'a b' }],
    ['an overlong delivery id', { ...github, 'x-github-delivery': 'x'.repeat(256) }],
  ])('refuses a GitHub delivery with %s', (_case, headers) => {
    expect(() => describeDelivery(ORG, { provider: 'github' }, headers, null, 'r')).toThrow(DomainError);
  });
});
