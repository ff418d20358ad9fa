/** Tokens module: public face. Nothing is exported yet beyond the module itself. */
export { TokensModule } from './tokens.module.js';
