/**
 * A whole team run through the real handler, the real engine and database and the LLM stand-in:
 * the supervisor plans with structured output, three employees contribute in parallel, the
 * supervisor synthesises; every step is metered exactly once and the totals agree everywhere.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { available, newCaller, priceOf, testDb } from '../llm/harness';
import {
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

describe('team run', () => {
  it('plans on a Claude 5.x supervisor, which refuses the forced tool older models plan with', async () => {
    const caller = await newCaller({ allowance: 5_000_000 });
    const supervisor = await hiredMember(caller, { provider: 'anthropic', model: 'claude-sonnet-5-5' });
    const writer = await hiredMember(caller, { provider: 'openai' });
    const response = await startRun(caller, {
      task: 'Outline a short onboarding email. [[llm:tokens=8]]',
      employee_ids: [writer.id, supervisor.id],
      supervisor_id: supervisor.id,
      budget_credits: 100_000,
    });
    expect(response.status).toBe(202);
    const { run } = (await response.json()) as { run: { id: string } };
    expect(await drain(engine({ runIds: [run.id] }))).toBe(4);
    const steps = await stepsOf(run.id);
    expect(steps.map((s) => [s.key, s.status])).toEqual([
      ['plan', 'completed'],
      ['contribution-1', 'completed'],
      ['contribution-2', 'completed'],
      ['synthesis', 'completed'],
    ]);
    const plan = steps[0]!.output!.plan as Array<{ employee_id: string }>;
    expect(plan.map((s) => s.employee_id)).toEqual([writer.id, supervisor.id]);
  });

  it('plans, contributes in parallel and synthesises, metering every step exactly once', async () => {
    const caller = await newCaller({ allowance: 5_000_000 });
    const supervisor = await hiredMember(caller, { provider: 'anthropic', name: 'Sam Supervisor' });
    const analyst = await hiredMember(caller, { provider: 'google', name: 'Gia Analyst' });
    const writer = await hiredMember(caller, { provider: 'openai', name: 'Wes Writer' });
    const before = await available(caller.id);

    const response = await startRun(caller, {
      task: 'Draft a launch plan for our analytics add-on. [[llm:tokens=12]]',
      employee_ids: [analyst.id, supervisor.id, writer.id],
      supervisor_id: supervisor.id,
      budget_credits: 100_000,
    });
    expect(response.status).toBe(202);
    const { run } = (await response.json()) as {
      run: { id: string; status: string; budget_credits: number };
    };
    expect(run).toMatchObject({ status: 'running', budget_credits: 100_000 });
    // The whole budget is held at once.
    expect(await available(caller.id)).toBe(before - 100_000);
    expect(await conversationOf(run.id)).toMatchObject({ status: 'planning', credits_charged: 0 });

    expect(await drain(engine({ runIds: [run.id] }))).toBe(5);

    const steps = await stepsOf(run.id);
    expect(steps.map((s) => [s.key, s.kind, s.status, s.attempt])).toEqual([
      ['plan', 'plan', 'completed', 1],
      ['contribution-1', 'contribution', 'completed', 1],
      ['contribution-2', 'contribution', 'completed', 1],
      ['contribution-3', 'contribution', 'completed', 1],
      ['synthesis', 'synthesis', 'completed', 1],
    ]);
    // The plan is structured output: one sub-task per member, in the team's order.
    const plan = steps[0]!.output!.plan as Array<{ employee_id: string }>;
    expect(plan.map((s) => s.employee_id)).toEqual([analyst.id, supervisor.id, writer.id]);
    // Each contribution ran on its member's pinned provider and model; prompts never stored.
    expect(steps.slice(1, 4).map((s) => [s.input.employee_id, s.provider, s.model])).toEqual([
      [analyst.id, analyst.provider, analyst.model],
      [supervisor.id, supervisor.provider, supervisor.model],
      [writer.id, writer.provider, writer.model],
    ]);
    expect(JSON.stringify(steps)).not.toContain('careful specialist');
    expect(steps[4]).toMatchObject({ provider: 'anthropic', model: supervisor.model });

    // Exact metering: every step's credits are its tokens at the model's price, one usage row and
    // one ledger row per attempt, keyed by the attempt.
    const usage = await usageOf(run.id);
    expect(usage.map((u) => u.request_id)).toEqual(
      ['contribution-1', 'contribution-2', 'contribution-3', 'plan', 'synthesis'].map(
        (key) => `run:${run.id}:step:${key}:attempt:1`,
      ),
    );
    for (const step of steps) {
      const row = usage.find((u) => u.request_id.endsWith(`:step:${step.key}:attempt:1`))!;
      expect(row).toMatchObject({ status: 'ok', estimated: false, feature: 'team_run' });
      expect(step.input_tokens).toBe(row.input_tokens);
      expect(step.output_tokens).toBe(row.output_tokens);
      expect(step.credits_charged).toBe(
        await priceOf(step.provider, step.model, {
          input_tokens: row.input_tokens,
          output_tokens: row.output_tokens,
          cached_input_tokens: 0,
        }),
      );
      expect(step.credits_charged).toBe(row.credits_charged);
      expect(step.latency_ms).toBeGreaterThanOrEqual(0);
    }
    const total = steps.reduce((sum, s) => sum + s.credits_charged, 0);
    expect(total).toBeGreaterThan(0);
    const ledger = await ledgerOf(run.id);
    expect(ledger.map((l) => l.idempotency_key)).toEqual(
      expect.arrayContaining([`usage:run:${run.id}:step:plan:attempt:1:allowance`]),
    );
    expect(-ledger.reduce((sum, l) => sum + l.amount, 0)).toBe(total);

    // The run, its conversation, the ledger and the balance agree; the hold is gone.
    const synthesis = steps[4]!.output!.text!;
    expect(await runOf(run.id)).toMatchObject({
      status: 'completed',
      spent_credits: total,
      reserved_credits: 0,
      closed: true,
      output: { text: synthesis },
    });
    expect(await conversationOf(run.id)).toEqual({
      status: 'completed',
      credits_charged: total,
      result: synthesis,
      error: null,
    });
    expect(await holdOf(run.id)).toMatchObject({ status: 'released' });
    expect(await available(caller.id)).toBe(before - total);

    // The live view's log: numbered without gaps, ending with the closed run.
    const events = await eventsOf(run.id);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events[0]).toMatchObject({ type: 'run_started' });
    expect(events.filter((e) => e.type === 'step_finished')).toHaveLength(5);
    expect(events.at(-1)).toMatchObject({ type: 'run_status', data: { status: 'completed', closed: true } });
  });
});
