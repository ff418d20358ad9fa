import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource, MoreThan } from 'typeorm';
import { InviteEntity } from '../../../infrastructure/invite.entity.js';
import { OrgEntity } from '../../../infrastructure/org.entity.js';
import { toInviteView, type InviteView } from '../../invite-view.js';
import { ListOrgInvitesQuery, ListPendingInvitesQuery, type PendingInviteView } from './list-invites.query.js';

@QueryHandler(ListOrgInvitesQuery)
export class ListOrgInvitesHandler implements IQueryHandler<ListOrgInvitesQuery, InviteView[]> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ orgId }: ListOrgInvitesQuery): Promise<InviteView[]> {
    const invites = await this.dataSource.getRepository(InviteEntity).find({ where: { orgId }, order: { createdAt: 'DESC' } });
    return invites.map((invite) => toInviteView(invite));
  }
}

@QueryHandler(ListPendingInvitesQuery)
export class ListPendingInvitesHandler implements IQueryHandler<ListPendingInvitesQuery, PendingInviteView[]> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ email }: ListPendingInvitesQuery): Promise<PendingInviteView[]> {
    const invites = await this.dataSource
      .getRepository(InviteEntity)
      .find({ where: { email: email.toLowerCase(), status: 'pending', expiresAt: MoreThan(new Date()) }, order: { createdAt: 'DESC' } });
    if (invites.length === 0) return [];
    const orgs = await this.dataSource.getRepository(OrgEntity).findBy(invites.map((invite) => ({ id: invite.orgId })));
    const names = new Map(orgs.map((org) => [org.id, org.displayName]));
    return invites.map((invite) => ({ ...toInviteView(invite), orgDisplayName: names.get(invite.orgId) ?? invite.orgId }));
  }
}
