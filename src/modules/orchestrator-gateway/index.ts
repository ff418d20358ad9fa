/** OrchestratorGateway module: public face. */
export { OrchestratorGatewayModule } from './orchestrator-gateway.module.js';
