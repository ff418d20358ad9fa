import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sendWebhook } from '../../src/modules/webhooks/outbound/infrastructure/webhook-sender.js';
import { SecurityReport } from '../support/security-report.js';
import { orgSuite } from '../support/suites.js';
import { WebhookReceiver } from '../support/webhook-receiver.js';

const report = new SecurityReport('webhook-ssrf');

/** Every non-public target we know how to write, including the spellings URL parsers normalise. */
const FORBIDDEN_TARGETS = [
  'https://127.0.0.1/h',
  'https://127.1/h',
  'https://2130706433/h',
  'https://0x7f000001/h',
  'https://0177.0.0.1/h',
  'https://0.0.0.0/h',
  'https://10.0.0.1/h',
  'https://172.16.0.1/h',
  'https://172.31.255.254/h',
  'https://192.168.1.1/h',
  'https://100.64.0.1/h',
  'https://169.254.169.254/latest/meta-data',
  'https://198.18.0.1/h',
  'https://224.0.0.1/h',
  'https://255.255.255.255/h',
  'https://[::1]/h',
  'https://[::]/h',
  'https://[fe80::1]/h',
  'https://[fc00::1]/h',
  'https://[fd12:3456::1]/h',
  'https://[::ffff:127.0.0.1]/h',
  'https://[::ffff:a9fe:a9fe]/h',
  'https://[64:ff9b::7f00:1]/h',
  'https://[2002:7f00:1::]/h',
  'https://localhost/h',
  'https://LOCALHOST./h',
  'https://sub.localhost/h',
  'http://example.com/h',
  'ftp://example.com/h',
  'file:///etc/passwd',
  'https://user:pass@127.0.0.1/h',
];

/**
 * Outbound webhooks reach public addresses only: every loopback, private, link-local, CGNAT, multicast
 * and reserved range (and the spellings that hide them) is refused when the endpoint is saved and again
 * when a delivery is sent; a receiver's redirect is never followed, so it cannot bounce a delivery inward.
 */
describe('outbound webhook SSRF', () => {
  const suite = orgSuite('SSRF Co');

  it('refuses every non-public target when an endpoint is created or changed', async () => {
    const category = 'forbidden webhook targets (create and update)';
    for (const url of FORBIDDEN_TARGETS) {
      const response = await suite.call(suite.owner.token, 'POST', `/orgs/${suite.orgId}/webhook-endpoints`, { url, eventTypes: ['*'] });
      report.tried(category);
      if (response.status !== 422 && response.status !== 400) report.violation(category, `create ${url} → ${response.status}`);
      await response.arrayBuffer();
    }
    expect(await suite.db.query('SELECT url FROM webhook_endpoints')).toEqual([]);
    const created = await suite.call(suite.owner.token, 'POST', `/orgs/${suite.orgId}/webhook-endpoints`, { url: 'https://example.com/hook', eventTypes: ['*'] });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    for (const url of FORBIDDEN_TARGETS) {
      const response = await suite.call(suite.owner.token, 'PATCH', `/orgs/${suite.orgId}/webhook-endpoints/${id}`, { url });
      report.tried(category);
      if (response.status !== 422 && response.status !== 400) report.violation(category, `update ${url} → ${response.status}`);
      await response.arrayBuffer();
    }
    expect(await suite.db.query('SELECT url FROM webhook_endpoints')).toEqual([{ url: 'https://example.com/hook' }]);
    expect(report.violations(category)).toEqual([]);
  });

  it('refuses loopback at send time, and never follows a redirect inward even where private targets are allowed', async () => {
    const category = 'send-time refusals and redirects';
    const inner = await WebhookReceiver.start();
    const port = new URL(inner.origin).port;
    let redirector: Server | null = null;
    try {
      for (const url of [`http://127.0.0.1:${port}/in`, `http://localhost:${port}/in`, `http://sub.localhost:${port}/in`, `http://LOCALHOST.:${port}/in`, `http://[::ffff:7f00:1]:${port}/in`, `http://2130706433:${port}/in`]) {
        const outcome = await sendWebhook({ url, headers: {}, body: '{}', timeoutMs: 2000, allowPrivateTargets: false });
        report.tried(category);
        if (outcome.status !== null) report.violation(category, `${url} was sent (${outcome.status})`);
      }
      // A receiver that answers with a redirect to an internal address (the classic SSRF bounce).
      redirector = createServer((request, response) => {
        request.resume();
        const status = Number(request.url!.slice(1)) || 302;
        response.writeHead(status, { location: `${inner.origin}/in` }).end();
      });
      await new Promise<void>((resolve) => redirector!.listen(0, '127.0.0.1', resolve));
      const redirectPort = (redirector.address() as AddressInfo).port;
      for (const status of [301, 302, 303, 307, 308]) {
        const outcome = await sendWebhook({ url: `http://127.0.0.1:${redirectPort}/${status}`, headers: {}, body: '{}', timeoutMs: 2000, allowPrivateTargets: true });
        report.tried(category);
        if (outcome.status !== status) report.violation(category, `redirect ${status} answered ${JSON.stringify(outcome)}`);
      }
      expect(inner.received).toEqual([]);
    } finally {
      redirector?.close();
      await inner.close();
    }
    expect(report.violations(category)).toEqual([]);
  });
});
