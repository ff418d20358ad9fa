import { Module } from '@nestjs/common';
import { OrchestratorGatewayModule } from '../orchestrator-gateway/index.js';
import { RegistrationsController } from './http/registrations.controller.js';

/** Runs: runs and workflows, from the Platform's projection or proxied to the orchestrators. */
@Module({
  imports: [OrchestratorGatewayModule],
  controllers: [RegistrationsController],
})
export class RunsModule {}
