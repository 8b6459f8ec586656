/**
 * Ending a run early: Cancel mid-stream (calls aborted fast, partial usage settled once, the hold
 * released), a budget that cannot cover the next step (never a credit over it, also with five
 * contributions starting together) and a plan that does not parse (one repair, then a clear failure).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { tick } from '../../../netlify/lib/runs/engine';
import { readError } from '../http/helpers';
import { available, eventually, newCaller, priceOf, testDb, type Caller } from '../llm/harness';
import {
  cancel,
  conversationOf,
  drain,
  engine,
  eventsOf,
  hiredMember,
  holdOf,
  ledgerOf,
  runOf,
  startRun,
  stepsOf,
  usageOf,
} from './harness';

afterAll(async () => {
  await testDb().end();
});

async function newRun(caller: Caller, task: string, members: number, budget = 200_000) {
  const team = [];
  for (let i = 0; i < members; i++) team.push(await hiredMember(caller));
  const response = await startRun(caller, {
    task,
    employee_ids: team.map((m) => m.id),
    budget_credits: budget,
  });
  expect(response.status).toBe(202);
  return ((await response.json()) as { run: { id: string } }).run.id;
}

/** Credits charged, by the usage rows, the ledger, the steps and the run: all the same. */
async function charged(runId: string) {
  const usage = (await usageOf(runId)).reduce((sum, u) => sum + u.credits_charged, 0);
  expect(-(await ledgerOf(runId)).reduce((sum, l) => sum + l.amount, 0)).toBe(usage);
  expect((await stepsOf(runId)).reduce((sum, s) => sum + s.credits_charged, 0)).toBe(usage);
  expect((await runOf(runId))?.spent_credits).toBe(usage);
  expect((await conversationOf(runId))?.credits_charged).toBe(usage);
  return usage;
}

describe('cancel', () => {
  it('aborts the calls in flight within 2 s, settles their partial usage once and releases the hold', async () => {
    const caller = await newCaller({ allowance: 5_000_000 });
    const before = await available(caller.id);
    const runId = await newRun(caller, 'Write the handbook. [[llm:tokens=400]] [[llm:rate=100]]', 2);
    const worker = engine({ runIds: [runId] });
    await tick(worker); // the plan (structured: its length is the schema's)
    const working = tick(worker);
    // Both contributions are streaming.
    await eventually(async () => {
      const deltas = (await eventsOf(runId)).filter(
        (e) => e.type === 'step_delta' && e.step_key?.startsWith('contribution'),
      );
      return new Set(deltas.map((e) => e.step_key)).size === 2 ? true : undefined;
    });
    const cancelledAt = Date.now();
    const response = await cancel(caller, runId);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ run: { id: runId, status: 'cancelled' } });
    await working;
    expect(Date.now() - cancelledAt).toBeLessThan(2_000);

    const steps = await stepsOf(runId);
    expect(steps.map((s) => [s.key, s.status])).toEqual([
      ['plan', 'completed'],
      ['contribution-1', 'cancelled'],
      ['contribution-2', 'cancelled'],
      ['synthesis', 'cancelled'],
    ]);
    // Each stopped call is charged once for what it produced (an estimate from its partial text).
    for (const step of steps.slice(1, 3)) {
      expect(step.output?.text?.length).toBeGreaterThan(0);
      expect(step.estimated).toBe(true);
      expect(step.output_tokens).toBe(Math.ceil(step.output!.text!.length / 4));
      expect(step.credits_charged).toBe(
        await priceOf('openai', 'gpt-4o-mini', {
          input_tokens: step.input_tokens,
          output_tokens: step.output_tokens,
          cached_input_tokens: 0,
        }),
      );
    }
    expect((await usageOf(runId)).filter((u) => u.status === 'stopped')).toHaveLength(2);
    const spent = await charged(runId);
    expect(await runOf(runId)).toMatchObject({ status: 'cancelled', reserved_credits: 0, closed: true });
    expect(await conversationOf(runId)).toMatchObject({ status: 'cancelled' });
    expect(await holdOf(runId)).toMatchObject({ status: 'released' });
    expect(await available(caller.id)).toBe(before - spent);

    // Twice is a no-op; nothing more happens.
    const again = await cancel(caller, runId);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ run: { id: runId, status: 'cancelled' } });
    expect(await charged(runId)).toBe(spent);
    expect(await drain(worker)).toBe(0);
  });

  it("is 404 for someone else's run and for a run that does not exist, and changes nothing", async () => {
    const owner = await newCaller({ allowance: 5_000_000 });
    const stranger = await newCaller();
    const runId = await newRun(owner, 'Plan the migration.', 1);
    const response = await cancel(stranger, runId);
    expect(response.status).toBe(404);
    expect(await readError(response)).toMatchObject({ code: 'NOT_FOUND' });
    expect((await cancel(stranger, crypto.randomUUID())).status).toBe(404);
    expect((await cancel(owner, 'not-a-uuid')).status).toBe(400);
    expect(await runOf(runId)).toMatchObject({ status: 'running' });
  });

  it('cancels a run whose steps have not started: nothing charged, the hold released at once', async () => {
    const caller = await newCaller({ allowance: 5_000_000 });
    const before = await available(caller.id);
    const runId = await newRun(caller, 'Plan the migration.', 1);
    expect((await cancel(caller, runId)).status).toBe(200);
    expect(await runOf(runId)).toMatchObject({ status: 'cancelled', spent_credits: 0, closed: true });
    expect(await available(caller.id)).toBe(before);
    expect(await drain(engine({ runIds: [runId] }))).toBe(0);
  });
});

describe('budget', () => {
  it('ends budget_exceeded before the plan when the budget cannot cover it, charging nothing', async () => {
    const caller = await newCaller({ allowance: 5_000_000 });
    const before = await available(caller.id);
    const runId = await newRun(caller, 'Research competitors.', 2, 50);
    expect(await drain(engine({ runIds: [runId] }))).toBe(0);
    expect(await runOf(runId)).toMatchObject({ status: 'budget_exceeded', spent_credits: 0, closed: true });
    expect((await runOf(runId))?.error).toMatch(
      /^The budget of 50 credits cannot cover the next step \(plan/,
    );
    expect((await stepsOf(runId)).map((s) => s.status)).toEqual(['skipped']);
    expect(await conversationOf(runId)).toMatchObject({ status: 'budget_exceeded', credits_charged: 0 });
    expect(await available(caller.id)).toBe(before);
  });

  it('starts only the contributions the budget covers when five start together, never spending over it', async () => {
    const caller = await newCaller({ allowance: 5_000_000 });
    const before = await available(caller.id);
    // What one attempt reserves: the plan first, then each contribution (same model and size).
    const probe = await newRun(caller, 'Research competitors. [[llm:tokens=30]] [[llm:rate=100]]', 5);
    await drain(engine({ runIds: [probe] }));
    const { rows } = await testDb().query<{ key: string; reserve: number; credits: number }>(
      `select key, billing.price_call(provider, model, reserve_input_tokens, max_output_tokens, 0)::int as reserve,
              credits_charged::int as credits
       from public.run_steps where run_id = $1 order by position`,
      [probe],
    );
    const plan = rows[0]!;
    const contribution = Math.max(
      ...rows.filter((r) => r.key.startsWith('contribution')).map((r) => r.reserve),
    );
    // Room for the plan's real cost and two contributions' reservations, not three.
    const budget = plan.credits + 2 * contribution + Math.floor(contribution / 2);
    const spentBefore = before - (await available(caller.id));

    // Streams that outlive a few heartbeats: the steps already paid for finish after the run ended.
    const runId = await newRun(caller, 'Research competitors. [[llm:tokens=30]] [[llm:rate=100]]', 5, budget);
    // Two workers race for the five contributions.
    await Promise.all([drain(engine({ runIds: [runId] })), drain(engine({ runIds: [runId] }))]);
    const steps = await stepsOf(runId);
    expect(steps.filter((s) => s.kind === 'contribution' && s.status === 'completed')).toHaveLength(2);
    expect(steps.filter((s) => s.status === 'skipped').map((s) => s.kind)).toEqual([
      'contribution',
      'contribution',
      'contribution',
      'synthesis',
    ]);
    const spent = await charged(runId);
    expect(spent).toBeLessThanOrEqual(budget);
    expect(await runOf(runId)).toMatchObject({
      status: 'budget_exceeded',
      reserved_credits: 0,
      closed: true,
    });
    expect(await conversationOf(runId)).toMatchObject({ status: 'budget_exceeded' });
    expect(before - (await available(caller.id))).toBe(spentBefore + spent);
  });
});

describe('plan repair', () => {
  it('repairs a malformed plan once and carries on', async () => {
    const caller = await newCaller({ allowance: 5_000_000 });
    const runId = await newRun(caller, 'Price the new tier. [[llm:bad-json=1]]', 2);
    await drain(engine({ runIds: [runId] }));
    const steps = await stepsOf(runId);
    expect(steps.map((s) => [s.key, s.status])).toEqual([
      ['plan', 'completed'],
      ['plan-repair', 'completed'],
      ['contribution-1', 'completed'],
      ['contribution-2', 'completed'],
      ['synthesis', 'completed'],
    ]);
    expect(steps[0]?.output?.error).toBe('The answer is not valid JSON.');
    expect(steps[1]?.output?.plan).toHaveLength(2);
    // The malformed plan was a real call: it is charged like any other.
    expect(steps[0]!.credits_charged).toBeGreaterThan(0);
    await charged(runId);
    expect(await runOf(runId)).toMatchObject({ status: 'completed', closed: true });
  });

  it('fails the run clearly when the repair is malformed too', async () => {
    const caller = await newCaller({ allowance: 5_000_000 });
    const before = await available(caller.id);
    const runId = await newRun(caller, 'Price the new tier. [[llm:bad-json]]', 2);
    await drain(engine({ runIds: [runId] }));
    expect((await stepsOf(runId)).map((s) => [s.key, s.status])).toEqual([
      ['plan', 'completed'],
      ['plan-repair', 'completed'],
    ]);
    expect(await runOf(runId)).toMatchObject({
      status: 'failed',
      error: "The supervisor's plan could not be read, even after one repair: The answer is not valid JSON.",
      closed: true,
    });
    expect(await conversationOf(runId)).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('repair'),
    });
    const spent = await charged(runId);
    expect(await available(caller.id)).toBe(before - spent);
  });
});
