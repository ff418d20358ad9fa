/** Identity module: public face. Nothing is exported yet beyond the module itself. */
export { IdentityModule } from './identity.module.js';
