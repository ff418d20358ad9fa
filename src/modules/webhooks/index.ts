/** Webhooks module: provider ingress relayed to orchestrators, and the Platform's delivery log. */
export { WebhooksModule } from './webhooks.module.js';
