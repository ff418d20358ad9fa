/** Runs module: public face. Nothing is exported yet beyond the module itself. */
export { RunsModule } from './runs.module.js';
