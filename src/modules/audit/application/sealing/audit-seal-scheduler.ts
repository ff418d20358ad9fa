import { type BeforeApplicationShutdown, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isAuditable } from '../../../../shared/cqrs/auditable.js';
import type { DomainEvent } from '../../../../shared/cqrs/domain-event.js';
import { UnitOfWork } from '../../../../shared/cqrs/unit-of-work.js';
import { PeriodicTask } from '../../../../shared/lifecycle/periodic-task.js';
import { chainKeyOf } from '../../domain/audit-chain.js';
import { AuditChainSealer } from '../../infrastructure/audit-chain-sealer.js';
import { CoalescingWakeQueue } from './coalescing-wake-queue.js';

/** How often one replica looks for rows nobody sealed (their writer died between commit and sealing). */
const SWEEP_EVERY_MS = 5_000;
/**
 * Chains this process seals at once. Each run holds a pooled connection, so a burst over many orgs must
 * not take the pool from the requests; one chain is sealed by one run at a time anyway.
 */
const CHAINS_AT_ONCE = 2;
/**
 * A woken chain waits this long before it is sealed, so the commits of that while are sealed together:
 * a sealing run is a transaction of six statements whatever its size, and sealing after every commit cost
 * a busy org's writers a fifth of their throughput. Rows are listed and counted before they are sealed; only
 * their place in the chain comes this much later.
 */
const SEAL_LINGER_MS = 25;

/**
 * Decides when audit chains get sealed: right after every commit that wrote audit rows (the commit's chains
 * are woken, without the request waiting for it), and by a periodic sweep for anything left unsealed — rows
 * of a replica that crashed after its commit, or whose sealing failed. Wakes of a chain that is being sealed
 * fold into one more run, so under load each run seals a batch of rows.
 */
@Injectable()
export class AuditSealScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('AuditSealing');
  private readonly queue: CoalescingWakeQueue;
  readonly sweep: PeriodicTask;

  constructor(sealer: AuditChainSealer, dataSource: DataSource, unitOfWork: UnitOfWork) {
    this.queue = new CoalescingWakeQueue(
      async (chainKey) => {
        await sealer.sealChain(chainKey);
      },
      CHAINS_AT_ONCE,
      (chainKey, error) => this.logger.warn(`Sealing audit chain ${chainKey} failed; the sweep retries: ${error instanceof Error ? error.message : String(error)}`),
      { lingerMs: SEAL_LINGER_MS },
    );
    // The sweep only finds the chains; sealing them is queued, outside the sweep's transaction, so the sweep
    // never holds one pooled connection while waiting for another.
    this.sweep = new PeriodicTask('audit-seal-sweep', dataSource, SWEEP_EVERY_MS, async (manager) => {
      for (const chainKey of await sealer.chainsAwaitingSeal(manager)) void this.queue.wake(chainKey);
    });
    // Not awaited: the answer to the request does not wait for sealing, and sealing cannot fail it.
    unitOfWork.onCommitted((events) => this.committed(events));
  }

  onApplicationBootstrap(): void {
    this.sweep.start();
    void this.sweep.runOnce();
  }

  /** Before the connections close: seal what this process was asked to; later commits wait for the sweep. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.sweep.stop();
    await this.queue.close();
  }

  private committed(events: readonly DomainEvent[]): void {
    const chains = new Set<string>();
    for (const event of events) if (isAuditable(event)) chains.add(chainKeyOf(event.metadata.orgId));
    for (const chainKey of chains) void this.queue.wake(chainKey);
  }
}
