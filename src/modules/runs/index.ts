/** Runs module: public face. Nothing is exported yet beyond the module itself. */
export { RunsModule } from './runs.module.js';
export { RunLifecycleEvent, type RunSummary } from './application/events/run-lifecycle.event.js';
