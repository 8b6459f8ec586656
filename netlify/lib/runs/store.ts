/**
 * The engine's statements: one call of a run_engine.* function each (migration
 * 20261203100000_create_run_engine.sql), so every state change is one round trip and one
 * transaction, guarded in SQL by the step's lease.
 */
import type { Queryable } from '../db';
import type { TokenUsage } from '../llm/types';
import type { ClaimedStep, Json, NewStep, RunRow } from './types';

interface StepRecord {
  run_user_id: string;
  run_kind: RunRow['kind'];
  id: string;
  run_id: string;
  key: string;
  kind: string;
  position: number;
  status: ClaimedStep['status'];
  input: ClaimedStep['input'];
  attempt: number;
  max_attempts: number;
  provider: ClaimedStep['provider'];
  model: string;
  reserve_input_tokens: string;
  max_output_tokens: number;
  reserved_credits: string;
}

const toStep = (row: StepRecord): ClaimedStep => ({
  userId: row.run_user_id,
  runKind: row.run_kind,
  id: row.id,
  runId: row.run_id,
  key: row.key,
  kind: row.kind,
  position: row.position,
  status: row.status,
  input: row.input,
  attempt: row.attempt,
  maxAttempts: row.max_attempts,
  provider: row.provider,
  model: row.model,
  reserveInputTokens: Number(row.reserve_input_tokens),
  maxOutputTokens: row.max_output_tokens,
  reservedCredits: Number(row.reserved_credits),
});

const interval = (ms: number) => `${Math.max(1, Math.round(ms))} milliseconds`;

/** Creates the run, its first steps, its budget hold and its first event (402 if unaffordable). */
export async function createRun(
  db: Queryable,
  run: { id: string; userId: string; kind: RunRow['kind']; title: string; budget: number; steps: NewStep[] },
): Promise<void> {
  await db.query('select 1 from run_engine.create_run($1, $2, $3, $4, $5, $6::jsonb)', [
    run.id,
    run.userId,
    run.kind,
    run.title,
    run.budget,
    JSON.stringify(run.steps),
  ]);
}

/** Claims up to `limit` ready steps (of `runIds` only, when given). */
export async function claimSteps(
  db: Queryable,
  worker: string,
  limit: number,
  leaseMs: number,
  now: Date,
  runIds?: readonly string[],
): Promise<ClaimedStep[]> {
  // The claim commits without waiting for its WAL flush (as a reservation does, metering.ts): a
  // crash that lost it only loses the lease, and the finish of that attempt then changes nothing.
  const { rows } = await db.query<StepRecord>(
    `select s.*, r.user_id as run_user_id, r.kind as run_kind, set_config('synchronous_commit', 'off', true)
     from run_engine.claim_steps($1, $2, $3::interval, $4, $5::uuid[]) s join public.runs r on r.id = s.run_id`,
    [worker, limit, interval(leaseMs), now, runIds ?? null],
  );
  return rows.map(toStep);
}

/** Renews the leases; answers the ids to keep going (lease still ours, the run not cancelled or failed). */
export async function renewLeases(
  db: Queryable,
  worker: string,
  stepIds: string[],
  leaseMs: number,
  now: Date,
): Promise<Set<string>> {
  const { rows } = await db.query<{ step_id: string; keep: boolean }>(
    `select step_id, keep, set_config('synchronous_commit', 'off', true)
     from run_engine.renew_leases($1, $2::uuid[], $3::interval, $4)`,
    [worker, stepIds, interval(leaseMs), now],
  );
  return new Set(rows.filter((row) => row.keep).map((row) => row.step_id));
}

export async function appendDelta(
  db: Queryable,
  step: ClaimedStep,
  worker: string,
  text: string,
): Promise<boolean> {
  // A lost delta (a crash before its flush) only thins the live view; the step's output is the record.
  const { rows } = await db.query<{ ok: boolean }>(
    `select run_engine.append_delta($1, $2, $3, $4) as ok, set_config('synchronous_commit', 'off', true)`,
    [step.id, worker, step.attempt, text],
  );
  return rows[0]?.ok === true;
}

export type AttemptOutcome = 'completed' | 'retry' | 'failed' | 'stopped';

export interface AttemptUsage extends TokenUsage {
  latencyMs: number;
  estimated: boolean;
  startedAt: Date;
}

export interface FinishArgs {
  outcome: AttemptOutcome;
  output?: Json;
  /** Undefined: the call produced nothing; its reservation is released, nothing charged. */
  usage?: AttemptUsage;
  error?: string;
  successors?: NewStep[];
  runOutput?: Json;
  runError?: string;
  retryAt?: Date;
}

/** Ends an attempt in one transaction; false when the lease was no longer ours (nothing changed). */
export async function finishAttempt(
  db: Queryable,
  step: ClaimedStep,
  worker: string,
  args: FinishArgs,
): Promise<boolean> {
  const usage = args.usage && {
    input_tokens: args.usage.inputTokens,
    output_tokens: args.usage.outputTokens,
    cached_input_tokens: args.usage.cachedInputTokens,
    latency_ms: Math.round(args.usage.latencyMs),
    estimated: args.usage.estimated,
    started_at: args.usage.startedAt.toISOString(),
  };
  const { rows } = await db.query<{ id: string | null }>(
    `select (run_engine.finish_attempt($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7, $8::jsonb, $9::jsonb, $10, $11)).id`,
    [
      step.id,
      worker,
      step.attempt,
      args.outcome,
      args.output === undefined ? null : JSON.stringify(args.output),
      usage ? JSON.stringify(usage) : null,
      args.error ?? null,
      args.successors ? JSON.stringify(args.successors) : null,
      args.runOutput === undefined ? null : JSON.stringify(args.runOutput),
      args.runError ?? null,
      args.retryAt ?? null,
    ],
  );
  return rows[0]?.id !== null && rows[0]?.id !== undefined;
}

/** The owner's cancel: undefined when the run is not theirs; an ended run comes back unchanged. */
export async function cancelRun(
  db: Queryable,
  runId: string,
  userId: string,
): Promise<{ id: string; status: string } | undefined> {
  const { rows } = await db.query<{ id: string | null; status: string | null }>(
    'select (r).id, (r).status from run_engine.cancel_run($1, $2) as r',
    [runId, userId],
  );
  const row = rows[0];
  return row?.id && row.status ? { id: row.id, status: row.status } : undefined;
}

export interface SweepResult {
  recovered: number;
  closed: number;
  ready: number;
}

export async function sweep(db: Queryable, now: Date, runIds?: readonly string[]): Promise<SweepResult> {
  const { rows } = await db.query<SweepResult>(
    'select recovered, closed, ready from run_engine.sweep($1, 100, $2::uuid[])',
    [now, runIds ?? null],
  );
  const row = rows[0];
  return { recovered: row?.recovered ?? 0, closed: row?.closed ?? 0, ready: row?.ready ?? 0 };
}

/** When the next ready step of a running run is due (a retry's backoff), if any. */
export async function nextDueAt(db: Queryable, runIds?: readonly string[]): Promise<Date | undefined> {
  const { rows } = await db.query<{ due: Date | null }>(
    `select min(s.next_attempt_at) as due from public.run_steps s
     join public.runs r on r.id = s.run_id
     where s.status = 'ready' and r.status = 'running' and ($1::uuid[] is null or r.id = any ($1::uuid[]))`,
    [runIds ?? null],
  );
  return rows[0]?.due ?? undefined;
}
