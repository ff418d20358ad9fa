import { Inject } from '@nestjs/common';
import type { AppCommand } from './app-command.js';
import { UnitOfWork } from './unit-of-work.js';

/**
 * Base of every command handler that changes state: `execute` wraps `handle` in a unit of work, so the
 * handler's writes, its audit rows and its events commit together or not at all. Handlers write through
 * `this.uow.manager` and announce what happened with `this.uow.raise(event)`.
 */
export abstract class TransactionalCommandHandler<C extends AppCommand<R>, R = void> {
  @Inject(UnitOfWork) protected readonly uow!: UnitOfWork;

  execute(command: C): Promise<R> {
    return this.uow.run(() => this.handle(command), command.commandId);
  }

  protected abstract handle(command: C): Promise<R>;
}
