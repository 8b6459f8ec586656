/**
 * The engine's two ways to work: `tick()` claims one batch of ready steps and runs it to the end
 * (tests drive it with their own clock and worker ids), and `runWorker()` keeps claiming as steps
 * finish until there is no work or its time is up (the background function).
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Queryable } from '../db';
import type { Logger } from '../observability/logger';
import { engineDefaults, type EngineOptions } from './engine-options';
import { executeStep } from './execute-step';
import { LeaseKeeper } from './lease-keeper';
import { claimSteps, nextDueAt } from './store';
import type { RunKinds } from './types';

export type { EngineOptions };

export const newWorkerId = () => `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

export function createEngine(
  base: { db: Queryable; log: Logger; kinds: RunKinds } & Partial<
    Omit<EngineOptions, 'db' | 'log' | 'kinds'>
  >,
): EngineOptions {
  return { ...engineDefaults, workerId: newWorkerId(), now: () => new Date(), ...base };
}

const keeperFor = (engine: EngineOptions) =>
  new LeaseKeeper({
    db: engine.db,
    log: engine.log,
    workerId: engine.workerId,
    leaseMs: engine.leaseMs,
    heartbeatMs: engine.heartbeatMs,
    now: engine.now,
  });

const run = (engine: EngineOptions, keeper: LeaseKeeper) => (step: Parameters<typeof executeStep>[2]) =>
  executeStep(engine, keeper, step).catch((error: unknown) => {
    // The attempt keeps its lease until it expires; the sweeper then recovers it.
    engine.log.error('step execution stopped before its finish', { stepId: step.id, error });
  });

/** Claims up to `limit` ready steps and runs them concurrently to the end; answers how many. */
export async function tick(engine: EngineOptions, limit = 10): Promise<number> {
  const keeper = keeperFor(engine);
  const steps = await claimSteps(
    engine.db,
    engine.workerId,
    limit,
    engine.leaseMs,
    engine.now(),
    engine.runIds,
  );
  await Promise.all(steps.map(run(engine, keeper)));
  keeper.stop();
  return steps.length;
}

export interface WorkerLimits {
  /** Stop claiming at this time (before the platform's limit), then let the steps in flight end. */
  claimUntil: number;
  concurrency: number;
  /** Leave when idle this long and nothing is due within `waitForDueMs`. */
  idleMs: number;
  waitForDueMs: number;
  pollMs: number;
}

export const workerDefaults = (startedAt = Date.now()): WorkerLimits => ({
  claimUntil: startedAt + 12 * 60_000,
  concurrency: 16,
  idleMs: 1_000,
  waitForDueMs: 20_000,
  pollMs: 100,
});

/**
 * A claim that failed (a dropped connection, a deadlock victim) claims nothing this round: the
 * worker keeps its steps in flight and their heartbeat, and tries again on its next poll.
 */
async function claimOrNone(engine: EngineOptions, limit: number) {
  try {
    return await claimSteps(engine.db, engine.workerId, limit, engine.leaseMs, engine.now(), engine.runIds);
  } catch (error) {
    engine.log.warn('claiming steps failed; trying again', { error });
    return [];
  }
}

/** Runs steps as they become ready; answers whether it stopped for time (work may remain). */
export async function runWorker(
  engine: EngineOptions,
  limits: WorkerLimits,
): Promise<{ outOfTime: boolean }> {
  const keeper = keeperFor(engine);
  const inFlight = new Set<Promise<void>>();
  let idleSince = Date.now();
  try {
    while (Date.now() < limits.claimUntil) {
      const free = limits.concurrency - inFlight.size;
      const steps = free > 0 ? await claimOrNone(engine, free) : [];
      for (const step of steps) {
        const running: Promise<void> = run(engine, keeper)(step).finally(() => inFlight.delete(running));
        inFlight.add(running);
      }
      if (steps.length > 0 || inFlight.size > 0) idleSince = Date.now();
      else if (Date.now() - idleSince >= limits.idleMs) {
        const due = await nextDueAt(engine.db, engine.runIds);
        if (!due || due.getTime() - engine.now().getTime() > limits.waitForDueMs) break;
      }
      await Promise.race([...inFlight, sleep(limits.pollMs)]);
    }
    await Promise.all(inFlight);
  } finally {
    keeper.stop();
  }
  return { outOfTime: Date.now() >= limits.claimUntil };
}
