/** How an engine instance runs: its database, its kinds, its identity and its clock. */
import type { Queryable } from '../db';
import type { LlmProvider, ProviderClient } from '../llm/types';
import type { Logger } from '../observability/logger';
import type { ClaimedStep, RunKinds } from './types';

export interface EngineOptions {
  db: Queryable;
  log: Logger;
  kinds: RunKinds;
  /** The lease owner: unique per worker invocation. */
  workerId: string;
  /** Claim only steps of these runs (a worker dispatched for a run); all runs when undefined. */
  runIds?: readonly string[];
  /** The engine's clock for leases, due times and backoff (tests move it). */
  now: () => Date;
  leaseMs: number;
  heartbeatMs: number;
  deltaIntervalMs: number;
  /** How long a call of an ended run may drain for its exact usage before it is aborted. */
  stopDrainMs: number;
  /** The provider client (default: the configured one). */
  clientFor?: (provider: LlmProvider) => ProviderClient;
  /** Test seam: runs after the provider's last token, before the finish; throwing is the worker dying there. */
  beforeFinish?: (step: ClaimedStep) => Promise<void> | void;
}

export const engineDefaults = {
  leaseMs: 30_000,
  heartbeatMs: 1_000,
  deltaIntervalMs: 250,
  stopDrainMs: 750,
} as const;
