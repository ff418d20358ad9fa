import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Actor } from '../../../shared/auth/actor.js';
import { UnitOfWork } from '../../../shared/cqrs/unit-of-work.js';
import { newOrgId, newOrgPublicAlias } from '../../../shared/ids/org-id.js';
import { SeedOrgRolesCommand } from '../../rbac/index.js';
import { OrgMemberEntity } from '../infrastructure/org-member.entity.js';
import { OrgEntity } from '../infrastructure/org.entity.js';
import { firstFreeSlug, slugBase } from '../domain/org-slug.js';
import { OrgCreatedEvent } from './events/org-created.event.js';

/**
 * Creates an organization inside the current unit of work: the row, the creator's membership, the
 * built-in roles with the creator as Owner (Rbac, same transaction), and `org.create`. With no creator
 * (an operator bootstrapping the first organization) it starts without members; its Owner joins later
 * through an invitation.
 */
@Injectable()
export class OrgFounder {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly commands: CommandBus,
  ) {}

  async found(actor: Actor, creatorUserId: string | null, displayName: string, isPersonal: boolean): Promise<OrgEntity> {
    const manager = this.uow.manager;
    const now = new Date();
    const org: OrgEntity = {
      id: newOrgId(),
      publicAlias: newOrgPublicAlias(),
      displayName,
      slug: await this.freeSlug(displayName),
      isPersonal,
      createdBy: creatorUserId,
      createdAt: now,
      updatedAt: now,
      disabledAt: null,
      supportAccessEnabled: false,
    };
    await manager.insert(OrgEntity, org);
    if (creatorUserId !== null) await manager.insert(OrgMemberEntity, { orgId: org.id, userId: creatorUserId, joinedAt: now, suspendedAt: null });
    await this.commands.execute(new SeedOrgRolesCommand(actor, org.id, creatorUserId));
    this.uow.raise(new OrgCreatedEvent({ actor, orgId: org.id }, org.id, org.displayName, isPersonal, creatorUserId));
    return org;
  }

  /**
   * Slug allocation is serialised by one advisory lock held to commit (organizations are created rarely),
   * so concurrent creations see each other's slugs instead of failing on the unique constraint.
   */
  private async freeSlug(displayName: string): Promise<string> {
    const base = slugBase(displayName);
    await this.uow.manager.query("SELECT pg_advisory_xact_lock(hashtext('kici:org-slug'))");
    const rows = (await this.uow.manager.query("SELECT slug FROM orgs WHERE slug = $1 OR slug LIKE $2", [base, `${base}-%`])) as { slug: string }[];
    return firstFreeSlug(base, new Set(rows.map((row) => row.slug)));
  }
}
