import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import { PgNotifications } from '../../../shared/database/pg-notifications.js';
import { OrchestratorKeyRevokedEvent } from '../../tokens/index.js';
import { CloseCode } from '../protocol/close-codes.js';
import { SessionRegistry } from './session-registry.js';

const CHANNEL = 'kici_orchestrator_key_revoked';

/**
 * "Any orchestrators using the revoked key will be disconnected": after the revocation commits, every
 * replica is told (PostgreSQL NOTIFY) and closes its sockets of that key with 4001.
 */
@Injectable()
export class KeyRevocationListener implements OnApplicationBootstrap {
  private readonly logger = new Logger('KeyRevocation');

  constructor(
    private readonly notifications: PgNotifications,
    private readonly registry: SessionRegistry,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.notifications.listen(CHANNEL, (keyId) => {
      for (const session of this.registry.withKey(keyId)) {
        this.logger.log(`Closing ${session.connectionId}: its orchestrator key was revoked`);
        session.close(CloseCode.UNAUTHORIZED, 'Orchestrator key revoked');
      }
    });
  }

  announce(keyId: string): Promise<void> {
    return this.notifications.notify(CHANNEL, keyId);
  }
}

@EventsHandler(OrchestratorKeyRevokedEvent)
export class OrchestratorKeyRevokedHandler implements IEventHandler<OrchestratorKeyRevokedEvent> {
  constructor(private readonly listener: KeyRevocationListener) {}

  handle(event: OrchestratorKeyRevokedEvent): Promise<void> {
    return this.listener.announce(event.keyId);
  }
}
