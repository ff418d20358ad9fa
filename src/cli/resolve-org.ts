import type { INestApplicationContext } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { FindOrgQuery, type OrgSummary } from '../modules/orgs/index.js';
import { RefusedError } from './cli-errors.js';

/** The organization an operator named by id (`org_…`) or slug; exit 65 when there is none. */
export async function resolveOrg(app: INestApplicationContext, idOrSlug: string): Promise<OrgSummary> {
  const org = await app.get(QueryBus).execute(new FindOrgQuery(idOrSlug));
  if (!org) throw new RefusedError(`No organization with id or slug "${idOrSlug}"`);
  return org;
}
