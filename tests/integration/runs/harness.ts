/**
 * The run engine's test world: teams of hired employees on chosen providers, POST
 * /api/agents/team-run and /cancel called as handlers, an engine on the real database with a
 * clock the test moves, and reads of the run, its steps, events and ledger rows.
 */
import agentsTeamRun from '../../../netlify/functions/agents-team-run.mjs';
import agentsTeamRunCancel from '../../../netlify/functions/agents-team-run-cancel.mjs';
import { createEngine, tick, type EngineOptions } from '../../../netlify/lib/runs/engine';
import { runKinds } from '../../../netlify/lib/runs/kinds';
import { workerDb } from '../../../netlify/lib/runs/worker-db';
import { createLogger } from '../../../netlify/lib/observability/logger';
import { jsonRequest, netlifyContext, testDb, type Caller, models } from '../llm/harness';

export type Provider = keyof typeof models;

export interface Member {
  id: string;
  name: string;
  prompt: string;
  provider: Provider;
  model: string;
}

/** A published employee of our own, hired by `caller` (paused with `active: false`), on its provider's test model unless `model` is given. */
export async function hiredMember(
  caller: Caller,
  options: { provider?: Provider; model?: string; name?: string; active?: boolean } = {},
): Promise<Member> {
  const db = testDb();
  const provider = options.provider ?? 'openai';
  const model = options.model ?? models[provider];
  const slug = `run-${crypto.randomUUID()}`;
  const name = options.name ?? `Member ${slug.slice(4, 10)}`;
  const prompt = `You are ${name} (${slug}), a careful specialist.`;
  const { rows } = await db.query<{ id: string }>(
    `insert into public.ai_employees (slug, name, role, category, description, default_provider, default_model, published)
     values ($1, $2, 'Specialist', 'data', 'A test employee.', $3, $4, true) returning id`,
    [slug, name, provider, model],
  );
  const id = rows[0]!.id;
  await db.query(
    `insert into public.ai_employee_versions (employee_id, version, system_prompt, provider, model) values ($1, 1, $2, $3, $4)`,
    [id, prompt, provider, model],
  );
  await db.query(
    'insert into public.purchased_employees (user_id, employee_id, is_active) values ($1, $2, $3)',
    [caller.id, id, options.active ?? true],
  );
  return { id, name, prompt, provider, model };
}

export function startRun(caller: Caller, body: Record<string, unknown>) {
  return agentsTeamRun(jsonRequest('/api/agents/team-run', body, { token: caller.token }), netlifyContext());
}

export function cancel(caller: Caller, runId: string) {
  return agentsTeamRunCancel(
    jsonRequest(`/api/agents/team-run/${runId}/cancel`, {}, { token: caller.token }),
    netlifyContext({ params: { id: runId } }),
  );
}

/**
 * The engine's clock, moved forward by the test (lease expiry, backoff) without waiting. It runs
 * ahead of the real time, never behind it, so steps the database makes due "now" are due for it.
 */
export function testClock() {
  let offset = 0;
  return { now: () => new Date(Date.now() + offset), advance: (ms: number) => (offset += ms) };
}

export function engine(options: Partial<EngineOptions> = {}): EngineOptions {
  return createEngine({
    db: workerDb(process.env.DATABASE_URL ?? ''),
    log: createLogger({ test: 'runs' }),
    kinds: runKinds,
    heartbeatMs: 100,
    ...options,
  });
}

/** Ticks until no step is claimed (a run of plan → contributions → synthesis takes 3). */
export async function drain(worker: EngineOptions, maxTicks = 10): Promise<number> {
  let total = 0;
  for (let i = 0; i < maxTicks; i++) {
    const claimed = await tick(worker);
    if (claimed === 0) return total;
    total += claimed;
  }
  return total;
}

export async function runOf(id: string) {
  const { rows } = await testDb().query<{
    status: string;
    budget_credits: number;
    spent_credits: number;
    reserved_credits: number;
    error: string | null;
    output: { text?: string } | null;
    closed: boolean;
  }>(
    `select status, budget_credits::int, spent_credits::int, reserved_credits::int, error, output,
            closed_at is not null as closed
     from public.runs where id = $1`,
    [id],
  );
  return rows[0];
}

export async function conversationOf(id: string) {
  const { rows } = await testDb().query<{
    status: string;
    credits_charged: number;
    result: string | null;
    error: string | null;
  }>(
    'select status, credits_charged::int, result, error from public.multi_agent_conversations where id = $1',
    [id],
  );
  return rows[0];
}

export interface StepRead {
  key: string;
  kind: string;
  status: string;
  attempt: number;
  provider: string;
  model: string;
  input_tokens: number;
  output_tokens: number;
  credits_charged: number;
  latency_ms: number | null;
  estimated: boolean;
  output: { text?: string; plan?: unknown; error?: string } | null;
  input: Record<string, unknown>;
  error: string | null;
}

export async function stepsOf(runId: string): Promise<StepRead[]> {
  const { rows } = await testDb().query<StepRead>(
    `select key, kind, status, attempt, provider, model, input_tokens::int, output_tokens::int,
            credits_charged::int, latency_ms, estimated, output, input, error
     from public.run_steps where run_id = $1 order by position`,
    [runId],
  );
  return rows;
}

/** The usage ledger rows of a run's step attempts (keyed usage:run:<run>:step:<key>:attempt:<n>:<bucket>). */
export async function ledgerOf(runId: string) {
  const { rows } = await testDb().query<{ idempotency_key: string; amount: number }>(
    `select idempotency_key, amount::int from public.credit_ledger where request_id like $1 order by created_at, idempotency_key`,
    [`run:${runId}:step:%`],
  );
  return rows;
}

export async function usageOf(runId: string) {
  const { rows } = await testDb().query<{
    request_id: string;
    provider: string;
    model: string;
    input_tokens: number;
    output_tokens: number;
    credits_charged: number;
    status: string;
    estimated: boolean;
    feature: string;
  }>(
    `select request_id, provider, model, input_tokens::int, output_tokens::int, credits_charged::int, status, estimated, feature
     from public.token_usage where request_id like $1 order by request_id`,
    [`run:${runId}:step:%`],
  );
  return rows;
}

export async function holdOf(runId: string) {
  const { rows } = await testDb().query<{ status: string; amount: number }>(
    'select status, amount::int from public.credit_reservations where request_id = $1',
    [`run:${runId}:hold`],
  );
  return rows[0];
}

export async function eventsOf(runId: string) {
  const { rows } = await testDb().query<{
    seq: number;
    type: string;
    step_key: string | null;
    attempt: number | null;
    data: Record<string, unknown>;
  }>('select seq::int, type, step_key, attempt, data from public.run_events where run_id = $1 order by seq', [
    runId,
  ]);
  return rows;
}
