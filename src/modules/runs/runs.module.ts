import { Module } from '@nestjs/common';
import { OrchestratorGatewayModule } from '../orchestrator-gateway/index.js';
import { RunProjectionHandler } from './application/projection/run-projection.handler.js';
import { RunProjectionRepository } from './application/projection/run-projection.repository.js';
import { RegistrationsController } from './http/registrations.controller.js';

/** Runs: runs and workflows, from the Platform's projection or proxied to the orchestrators. */
@Module({
  imports: [OrchestratorGatewayModule],
  controllers: [RegistrationsController],
  providers: [RunProjectionRepository, RunProjectionHandler],
})
export class RunsModule {}
