/** Webhooks module: public face. Nothing is exported yet beyond the module itself. */
export { WebhooksModule } from './webhooks.module.js';
