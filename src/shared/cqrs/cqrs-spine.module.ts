import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { BlockingEventDispatcher } from './blocking-event-dispatcher.js';
import { UnitOfWork } from './unit-of-work.js';

/** Command, query and event buses plus the transactional unit of work, for every module. */
@Global()
@Module({
  imports: [CqrsModule.forRoot(), DiscoveryModule],
  providers: [BlockingEventDispatcher, UnitOfWork],
  exports: [CqrsModule, UnitOfWork],
})
export class CqrsSpineModule {}
