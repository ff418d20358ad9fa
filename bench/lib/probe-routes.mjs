// Probe routes for the cost-of-authentication scenario: one trivial handler (a constant, no query) mounted
// once per access rule — public, a user route (PAT or OIDC JWT), an org member route (any credential of a
// member, API keys included) and its public twin at the same path shape — so two routes differ only in the
// access rule the global guard applies. Loaded only by bench/lib/platform-variant.mjs, never by the product.
// Plain JavaScript, so the decorators are applied by hand.
import { Controller, Get, Module } from '@nestjs/common';
import { OrgMemberRoute, Public, UserRoute } from '../../dist/src/shared/auth/route-access.js';

const answer = () => ({ ok: true });

class ProbeController {
  publicProbe() { return answer(); }
  userProbe() { return answer(); }
  orgPublicProbe() { return answer(); }
  orgMemberProbe() { return answer(); }
}

const routes = [
  ['publicProbe', 'api/v1/bench-probe/public', Public()],
  ['userProbe', 'api/v1/bench-probe/user', UserRoute()],
  ['orgPublicProbe', 'api/v1/orgs/:orgId/bench-probe/public', Public()],
  ['orgMemberProbe', 'api/v1/orgs/:orgId/bench-probe/member', OrgMemberRoute()],
];
for (const [method, path, access] of routes) {
  const descriptor = Object.getOwnPropertyDescriptor(ProbeController.prototype, method);
  access(ProbeController.prototype, method, descriptor);
  Get(path)(ProbeController.prototype, method, descriptor);
}
Controller()(ProbeController);

export class ProbeRoutesModule {}
Module({ controllers: [ProbeController] })(ProbeRoutesModule);
