/**
 * The heartbeat of one worker: every `heartbeatMs` it renews the leases of all its steps in
 * flight in one statement, and tells a step to stop when its lease is gone or its run was
 * cancelled or failed — which is how Cancel reaches a call within about a second. (A run out of
 * budget lets the steps it already reserved for finish.)
 */
import type { Queryable } from '../db';
import type { Logger } from '../observability/logger';
import { renewLeases } from './store';

export class LeaseKeeper {
  private readonly steps = new Map<string, () => void>();
  private timer: NodeJS.Timeout | undefined;
  private beating = false;

  constructor(
    private readonly options: {
      db: Queryable;
      log: Logger;
      workerId: string;
      leaseMs: number;
      heartbeatMs: number;
      now: () => Date;
    },
  ) {}

  /** Keeps the step's lease alive until `untrack`; `onStop` runs once if the step must stop. */
  track(stepId: string, onStop: () => void): void {
    this.steps.set(stepId, onStop);
    this.timer ??= setInterval(() => void this.beat(), this.options.heartbeatMs);
  }

  untrack(stepId: string): void {
    this.steps.delete(stepId);
    if (this.steps.size === 0) this.stop();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private async beat(): Promise<void> {
    if (this.beating || this.steps.size === 0) return;
    this.beating = true;
    const ids = [...this.steps.keys()];
    try {
      const { db, workerId, leaseMs, now } = this.options;
      const keep = await renewLeases(db, workerId, ids, leaseMs, now());
      for (const id of ids) {
        if (keep.has(id)) continue;
        const onStop = this.steps.get(id);
        this.steps.delete(id);
        onStop?.();
      }
    } catch (error) {
      // A missed beat is harmless while the lease lasts; the next one tries again.
      this.options.log.warn('lease renewal failed', { error });
    } finally {
      this.beating = false;
    }
  }
}
