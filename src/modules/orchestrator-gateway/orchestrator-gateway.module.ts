import { Module } from '@nestjs/common';
import { OrchestratorGateway } from './ws/orchestrator.gateway.js';

/** OrchestratorGateway: the `/ws` endpoint of KiCI orchestrators. */
@Module({ providers: [OrchestratorGateway] })
export class OrchestratorGatewayModule {}
