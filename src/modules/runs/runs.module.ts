import { Module } from '@nestjs/common';
import { OrchestratorGatewayModule } from '../orchestrator-gateway/index.js';
import { RunProjectionHandler } from './application/projection/run-projection.handler.js';
import { RunProjectionRepository } from './application/projection/run-projection.repository.js';
import { ListRunsHandler } from './application/queries/list-runs/list-runs.handler.js';
import { RunListCache } from './application/queries/list-runs/run-list-cache.js';
import { RegistrationsController } from './http/registrations.controller.js';
import { RunsController } from './http/runs.controller.js';
import { RunActionsController } from './http/run-actions.controller.js';
import { EnvironmentsController } from './http/environments.controller.js';
import { RecordRunActionHandler } from './application/commands/record-run-action/record-run-action.js';
import { RerunCooldown } from './application/rerun-cooldown.js';
import { RunLocator } from './application/run-locator.js';
import { DiagnosticsService } from './application/diagnostics/diagnostics.service.js';
import { DiagnosticsController } from './http/diagnostics.controller.js';
import { EnvironmentCreationController, EnvironmentSettingsController } from './http/environment-settings.controller.js';
import { RelayedWrite } from './http/relayed-write.js';
import { SecretsController } from './http/secrets.controller.js';
import { BranchCancelController } from './http/branch-cancel.controller.js';
import { RunInsightsController } from './http/run-insights.controller.js';
import { WorkflowsController } from './http/workflows.controller.js';
import { BackendsController } from './http/backends.controller.js';
import { FleetController } from './http/fleet.controller.js';
import { ClusterRunsController } from './http/cluster-runs.controller.js';
import { EventDlqController } from './http/event-dlq.controller.js';
import { HeldRunsController } from './http/held-runs.controller.js';
import { RemoteRunsController } from './http/remote-runs.controller.js';

/** Runs: runs and workflows, from the Platform's projection or proxied to the orchestrators. */
@Module({
  imports: [OrchestratorGatewayModule],
  controllers: [RegistrationsController, RunsController, RunActionsController, EnvironmentsController, DiagnosticsController, HeldRunsController, RemoteRunsController, EventDlqController, EnvironmentCreationController, EnvironmentSettingsController, SecretsController, BranchCancelController, WorkflowsController, RunInsightsController, FleetController, BackendsController, ClusterRunsController],
  providers: [RelayedWrite, RunProjectionRepository, RunProjectionHandler, ListRunsHandler, RunListCache, RunLocator, RerunCooldown, RecordRunActionHandler, DiagnosticsService],
})
export class RunsModule {}
