import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config.js';
import { type CandidateRow, readCandidateRows } from './candidate-rows.js';
import { ConnectionChanges } from './connection-changes.js';
import { ReplicaDepartures } from './replica-departures.js';

/** Longest a view is used without a notification (bounds staleness should one be missed). */
export const REMOTE_VIEW_TTL_MS = 5_000;
const MAX_ORGS = 10_000;

interface View {
  readonly candidates: readonly CandidateRow[];
  readonly expiresAt: number;
}

/**
 * Per organization, the live sessions other replicas hold (one per cluster), read from the database once
 * and kept until one of those replicas announces a change for the organization (`ConnectionChanges`) or
 * leaves (`ReplicaDepartures`), or the view expires. Routing needs it to see every connected cluster (a
 * request without a cluster is ambiguous when two are connected, wherever they are) and to reach a
 * cluster held only elsewhere; this replica's own sessions are known from the session registry.
 */
@Injectable()
export class RemoteCandidates {
  private readonly views = new Map<string, View>();
  /** The read in progress per organization; a change drops it, so its (possibly stale) result is not kept. */
  private readonly reads = new Map<string, Promise<readonly CandidateRow[]>>();

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    changes: ConnectionChanges,
    departures: ReplicaDepartures,
  ) {
    changes.onChanged((orgIds) => {
      for (const orgId of orgIds) this.forget(orgId);
    });
    departures.onLeaving(() => this.forgetAll());
  }

  of(orgId: string): Promise<readonly CandidateRow[]> {
    const view = this.views.get(orgId);
    if (view && view.expiresAt > Date.now()) return Promise.resolve(view.candidates);
    return this.reads.get(orgId) ?? this.read(orgId);
  }

  /** What is known of the organization may be out of date (e.g. a relay found its session gone). */
  forget(orgId: string): void {
    this.views.delete(orgId);
    this.reads.delete(orgId);
  }

  private forgetAll(): void {
    this.views.clear();
    this.reads.clear();
  }

  private read(orgId: string): Promise<readonly CandidateRow[]> {
    const expiresAt = Date.now() + REMOTE_VIEW_TTL_MS;
    const read: Promise<readonly CandidateRow[]> = readCandidateRows(this.dataSource, orgId, this.config.instanceId, { onlyOthers: true }).then(
      (candidates) => {
        // Kept only if no change overtook the read (`forget` dropped it then).
        if (this.reads.get(orgId) === read) {
          this.reads.delete(orgId);
          this.views.delete(orgId);
          this.views.set(orgId, { candidates, expiresAt });
          if (this.views.size > MAX_ORGS) this.views.delete(this.views.keys().next().value!);
        }
        return candidates;
      },
      (error: unknown) => {
        if (this.reads.get(orgId) === read) this.reads.delete(orgId);
        throw error;
      },
    );
    this.reads.set(orgId, read);
    return read;
  }
}
