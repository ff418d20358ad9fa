/** Orgs module: public face. Nothing is exported yet beyond the module itself. */
export { OrgsModule } from './orgs.module.js';
