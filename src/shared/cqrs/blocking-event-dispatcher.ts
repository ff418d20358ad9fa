import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { EntityManager } from 'typeorm';
import { BLOCKING_EVENTS_METADATA, type BlockingEventHandler, type BlockingSubscription } from './blocking-event-handler.js';
import type { DomainEvent } from './domain-event.js';

interface Registration {
  readonly subscription: BlockingSubscription;
  readonly handler: BlockingEventHandler;
}

/** Finds every `@BlockingEventsHandler` provider at start-up and delivers events to them in order. */
@Injectable()
export class BlockingEventDispatcher implements OnModuleInit {
  private registrations: Registration[] = [];

  constructor(private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    this.registrations = this.discovery
      .getProviders()
      .filter((wrapper) => wrapper.metatype && wrapper.instance && Reflect.hasMetadata(BLOCKING_EVENTS_METADATA, wrapper.metatype))
      .map((wrapper) => ({
        subscription: Reflect.getMetadata(BLOCKING_EVENTS_METADATA, wrapper.metatype!) as BlockingSubscription,
        handler: wrapper.instance as BlockingEventHandler,
      }));
  }

  async dispatch(event: DomainEvent, manager: EntityManager): Promise<void> {
    for (const { subscription, handler } of this.registrations) {
      if ('all' in subscription || subscription.events.some((type) => event instanceof type)) {
        await handler.handle(event, manager);
      }
    }
  }
}
