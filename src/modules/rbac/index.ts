/** Rbac module: public face. Nothing is exported yet beyond the module itself. */
export { RbacModule } from './rbac.module.js';
