import { CommandBus, CommandHandler } from '@nestjs/cqrs';
import type { EntityManager } from 'typeorm';
import { TransactionalCommandHandler } from '../../../../../shared/cqrs/transactional-command-handler.js';
import { isUniqueViolation } from '../../../../../shared/database/constraint-errors.js';
import { DomainError } from '../../../../../shared/errors/domain-error.js';
import { isUuid, uuidv7 } from '../../../../../shared/ids/uuid-v7.js';
import { AssignServiceAccountRoleCommand } from '../../../../rbac/index.js';
import { displayPrefix, generateToken, hashToken } from '../../../domain/token-format.js';
import { ServiceAccountKeyEntity } from '../../../infrastructure/service-account-key.entity.js';
import { ServiceAccountEntity } from '../../../infrastructure/service-account.entity.js';
import { ServiceAccountChangedEvent } from '../../events/service-account.events.js';
import {
  CreateServiceAccountCommand,
  CreateServiceAccountKeyCommand,
  DeleteServiceAccountCommand,
  RevokeServiceAccountKeyCommand,
  UpdateServiceAccountCommand,
} from './service-account.commands.js';

async function serviceAccountOfOrg(manager: EntityManager, orgId: string, id: string): Promise<ServiceAccountEntity> {
  const account = isUuid(id) ? await manager.findOne(ServiceAccountEntity, { where: { id, orgId } }) : null;
  if (!account) throw new DomainError('TOKENS.SERVICE_ACCOUNT_NOT_FOUND', 'Service account not found');
  return account;
}

@CommandHandler(CreateServiceAccountCommand)
export class CreateServiceAccountHandler extends TransactionalCommandHandler<CreateServiceAccountCommand, { id: string; name: string; description: string | null; createdAt: string }> {
  constructor(private readonly commands: CommandBus) {
    super();
  }

  protected async handle({ actor, orgId, name, description, roleIds, createdBy }: CreateServiceAccountCommand) {
    const account: ServiceAccountEntity = { id: uuidv7(), orgId, name, description, createdBy, createdAt: new Date() };
    try {
      await this.uow.manager.insert(ServiceAccountEntity, account);
    } catch (error) {
      if (isUniqueViolation(error)) throw new DomainError('TOKENS.SERVICE_ACCOUNT_NAME_TAKEN', `A service account named "${name}" already exists`);
      throw error;
    }
    this.uow.raise(new ServiceAccountChangedEvent({ actor, orgId }, 'service_account.create', account.id, { name, roleIds }));
    for (const roleId of roleIds) await this.commands.execute(new AssignServiceAccountRoleCommand(actor, orgId, account.id, roleId));
    return { id: account.id, name, description, createdAt: account.createdAt.toISOString() };
  }
}

@CommandHandler(UpdateServiceAccountCommand)
export class UpdateServiceAccountHandler extends TransactionalCommandHandler<UpdateServiceAccountCommand, { id: string; name: string; description: string | null }> {
  /** Only real changes are written and audited, each with its old and new value. */
  protected async handle({ actor, orgId, serviceAccountId, changes }: UpdateServiceAccountCommand) {
    const account = await serviceAccountOfOrg(this.uow.manager, orgId, serviceAccountId);
    const diff = (['name', 'description'] as const)
      .filter((field) => changes[field] !== undefined && changes[field] !== account[field])
      .map((field) => ({ field, old: account[field], new: changes[field] }));
    const updated = { ...account, ...Object.fromEntries(diff.map(({ field, new: value }) => [field, value])) } as ServiceAccountEntity;
    if (diff.length > 0) {
      try {
        await this.uow.manager.update(ServiceAccountEntity, { id: account.id }, { name: updated.name, description: updated.description });
      } catch (error) {
        if (isUniqueViolation(error)) throw new DomainError('TOKENS.SERVICE_ACCOUNT_NAME_TAKEN', `A service account named "${updated.name}" already exists`);
        throw error;
      }
      this.uow.raise(new ServiceAccountChangedEvent({ actor, orgId }, 'service_account.update', account.id, { changes: diff }));
    }
    return { id: account.id, name: updated.name, description: updated.description };
  }
}

@CommandHandler(DeleteServiceAccountCommand)
export class DeleteServiceAccountHandler extends TransactionalCommandHandler<DeleteServiceAccountCommand> {
  protected async handle({ actor, orgId, serviceAccountId }: DeleteServiceAccountCommand): Promise<void> {
    const account = await serviceAccountOfOrg(this.uow.manager, orgId, serviceAccountId);
    await this.uow.manager.delete(ServiceAccountEntity, { id: account.id });
    this.uow.raise(new ServiceAccountChangedEvent({ actor, orgId }, 'service_account.delete', account.id, { name: account.name }));
  }
}

@CommandHandler(CreateServiceAccountKeyCommand)
export class CreateServiceAccountKeyHandler extends TransactionalCommandHandler<CreateServiceAccountKeyCommand, { id: string; key: string; prefix: string; createdAt: string }> {
  protected async handle({ actor, orgId, serviceAccountId }: CreateServiceAccountKeyCommand) {
    const account = await serviceAccountOfOrg(this.uow.manager, orgId, serviceAccountId);
    const secret = generateToken('sa');
    const key: ServiceAccountKeyEntity = {
      id: uuidv7(),
      orgId,
      serviceAccountId: account.id,
      tokenHash: hashToken(secret),
      tokenPrefix: displayPrefix(secret),
      createdAt: new Date(),
      lastUsedAt: null,
      revokedAt: null,
    };
    await this.uow.manager.insert(ServiceAccountKeyEntity, key);
    this.uow.raise(new ServiceAccountChangedEvent({ actor, orgId }, 'service_account.key.create', account.id, { keyId: key.id, prefix: key.tokenPrefix }));
    return { id: key.id, key: secret, prefix: key.tokenPrefix, createdAt: key.createdAt.toISOString() };
  }
}

@CommandHandler(RevokeServiceAccountKeyCommand)
export class RevokeServiceAccountKeyHandler extends TransactionalCommandHandler<RevokeServiceAccountKeyCommand> {
  protected async handle({ actor, orgId, serviceAccountId, keyId }: RevokeServiceAccountKeyCommand): Promise<void> {
    const account = await serviceAccountOfOrg(this.uow.manager, orgId, serviceAccountId);
    const key = isUuid(keyId) ? await this.uow.manager.findOne(ServiceAccountKeyEntity, { where: { id: keyId, serviceAccountId: account.id } }) : null;
    if (!key || key.revokedAt) throw new DomainError('TOKENS.SERVICE_ACCOUNT_KEY_NOT_FOUND', 'Service account key not found');
    await this.uow.manager.update(ServiceAccountKeyEntity, { id: key.id }, { revokedAt: new Date() });
    this.uow.raise(new ServiceAccountChangedEvent({ actor, orgId }, 'service_account.key.revoke', account.id, { keyId: key.id, prefix: key.tokenPrefix }));
  }
}
