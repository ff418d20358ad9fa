import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../../config/app-config.js';
import { DomainError } from '../../../../shared/errors/domain-error.js';
import { isForbiddenAddress, isForbiddenHostName } from '../domain/target-address-policy.js';

/**
 * Refuses, when an endpoint is created or its URL changed, targets the delivery worker would refuse:
 * plain http (unless allowed outside production), and hosts that are or resolve to loopback, private,
 * link-local and similar addresses. The worker checks again at every send; this only answers early.
 */
@Injectable()
export class TargetCheck {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async assertAllowed(url: string): Promise<void> {
    const target = new URL(url);
    if (target.protocol !== 'https:' && !(target.protocol === 'http:' && this.config.webhooks.allowHttp)) {
      throw new DomainError('OUTBOUND_WEBHOOKS.TARGET_NOT_ALLOWED', 'Webhook URLs must use https');
    }
    if (this.config.webhooks.allowPrivateTargets) return;
    const host = target.hostname.replace(/^\[(.*)\]$/, '$1');
    if (isForbiddenHostName(host)) {
      throw new DomainError('OUTBOUND_WEBHOOKS.TARGET_NOT_ALLOWED', `Webhook URL host ${host} is or resolves to a non-public address (a loopback name); loopback, private, link-local, CGNAT and multicast targets are refused`);
    }
    const addresses = isIP(host) ? [host] : await this.resolve(host);
    const forbidden = addresses.find(isForbiddenAddress);
    if (forbidden !== undefined) {
      throw new DomainError(
        'OUTBOUND_WEBHOOKS.TARGET_NOT_ALLOWED',
        `Webhook URL host ${host} is or resolves to a non-public address (${forbidden}); loopback, private, link-local, CGNAT and multicast targets are refused`,
      );
    }
  }

  /** A name that does not resolve now is accepted: the worker checks it again at each send. */
  private async resolve(host: string): Promise<string[]> {
    try {
      return (await lookup(host, { all: true })).map((entry) => entry.address);
    } catch {
      return [];
    }
  }
}
