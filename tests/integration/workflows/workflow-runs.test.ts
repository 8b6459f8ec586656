/**
 * Workflow runs through the real handlers, the real engine and database and the LLM stand-in:
 * parallel steps, a condition, templates, exact metering per step and in total, retries to
 * failure, replay from the failed step reusing earlier outputs, cancel, and a run pinned to the
 * version it started with while the workflow is edited.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { tick } from '../../../netlify/lib/runs/engine';
import { available, newCaller, priceOf, standInCalls, testDb, uniqueTag } from '../llm/harness';
import {
  drain,
  engine,
  hiredMember,
  holdOf,
  ledgerOf,
  runOf,
  stepsOf,
  testClock,
  usageOf,
} from '../runs/harness';
import { cancelRun, newWorkflow, replayRun, saveWorkflow, startedRun, step, workflowRunOf } from './harness';

afterAll(async () => {
  await testDb().end();
});

/** Every charged step at its tokens' exact price; ledger, run, workflow run and balance agree. */
async function expectExactMetering(runId: string, userId: string, before: number) {
  const steps = await stepsOf(runId);
  const usage = await usageOf(runId);
  for (const s of steps) {
    const price = await priceOf(s.provider, s.model, {
      input_tokens: s.input_tokens,
      output_tokens: s.output_tokens,
      cached_input_tokens: 0,
    });
    expect(s.credits_charged, s.key).toBe(price);
    const rows = usage.filter((u) => u.request_id.startsWith(`run:${runId}:step:${s.key}:`));
    expect(
      rows.reduce((sum, u) => sum + u.credits_charged, 0),
      s.key,
    ).toBe(s.credits_charged);
  }
  const ledger = await ledgerOf(runId);
  const total = steps.reduce((sum, s) => sum + s.credits_charged, 0);
  expect(ledger.reduce((sum, row) => sum - row.amount, 0)).toBe(total);
  expect(await runOf(runId)).toMatchObject({ spent_credits: total, reserved_credits: 0, closed: true });
  expect((await workflowRunOf(runId))?.credits_charged).toBe(total);
  expect(await holdOf(runId)).toMatchObject({ status: 'released' });
  expect(await available(userId)).toBe(before - total);
  return total;
}

describe('workflow runs', () => {
  it('runs independent steps in parallel, skips a branch whose condition fails, meters each step exactly', async () => {
    const caller = await newCaller({ plan: 'pro', allowance: 5_000_000 });
    const researcher = await hiredMember(caller, { provider: 'anthropic' });
    const writer = await hiredMember(caller, { provider: 'openai' });
    const tag = uniqueTag();
    const workflowId = await newWorkflow(caller, {
      inputs: [{ name: 'topic', type: 'text' }],
      steps: [
        step('research', researcher.id, `Research {{input.topic}} ${tag}-a [[llm:echo]]`),
        step('outline', writer.id, `Outline {{input.topic}} [[llm:tokens=8]]`),
        step(
          'draft',
          writer.id,
          'Draft. Research: {{steps.research.output}} Outline: {{steps.outline.output}} [[llm:echo]]',
        ),
        step('escalate', researcher.id, `Escalate {{steps.research.output}} ${tag}-d`, {
          condition: { step: 'research', operator: 'contains', value: 'zebra' },
        }),
      ],
    });
    const before = await available(caller.id);
    const runId = await startedRun(caller, workflowId, {
      inputs: { topic: 'green tea' },
      budget_credits: 100_000,
    });
    expect(await workflowRunOf(runId)).toMatchObject({ status: 'running', version: 1, trigger: 'manual' });
    expect(await available(caller.id)).toBe(before - 100_000);

    const worker = engine({ runIds: [runId] });
    // The two steps without dependencies are claimed together; the rest wait.
    expect(await tick(worker)).toBe(2);
    expect((await stepsOf(runId)).map((s) => [s.key, s.status])).toEqual([
      ['research', 'completed'],
      ['outline', 'completed'],
      ['draft', 'ready'],
      ['escalate', 'ready'],
    ]);
    expect(await drain(worker)).toBe(2);

    const steps = await stepsOf(runId);
    expect(steps.map((s) => [s.key, s.status])).toEqual([
      ['research', 'completed'],
      ['outline', 'completed'],
      ['draft', 'completed'],
      ['escalate', 'completed'],
    ]);
    // Templates: the input reached the first step, both earlier outputs reached the draft.
    const research = steps[0]!.output!.text!;
    expect(research).toContain('Research green tea');
    expect(steps[2]!.output!.text).toContain(`Research: ${research.trim()}`);
    expect(steps[2]!.output!.text).toContain(`Outline: ${steps[1]!.output!.text!.trim()}`);
    // The condition did not hold: skipped, no call, nothing charged.
    expect(steps[3]!.output).toMatchObject({ skipped: true, text: '' });
    expect(steps[3]!.credits_charged).toBe(0);
    expect(await standInCalls(`${tag}-d`)).toBe(0);
    expect(steps[0]).toMatchObject({ provider: 'anthropic', model: researcher.model });

    const run = await runOf(runId);
    expect(run?.status).toBe('completed');
    // The last step's output is the run's result (here the skipped branch).
    expect(run?.output).toMatchObject({ skipped: true });
    expect((await workflowRunOf(runId))?.status).toBe('completed');
    const total = await expectExactMetering(runId, caller.id, before);
    expect(total).toBeGreaterThan(0);
    expect(
      (await ledgerOf(runId)).map((r) => r.idempotency_key.split(':').slice(4, 7).join(':')).sort(),
    ).toEqual(['draft:attempt:1', 'outline:attempt:1', 'research:attempt:1'].sort());
  });

  it('runs the branch whose condition holds', async () => {
    const caller = await newCaller({ plan: 'pro', allowance: 5_000_000 });
    const member = await hiredMember(caller);
    const workflowId = await newWorkflow(caller, {
      inputs: [{ name: 'ticket', type: 'text' }],
      steps: [
        step('classify', member.id, 'Classify: {{input.ticket}} [[llm:echo]]'),
        step('urgent', member.id, 'Page the on-call for {{input.ticket}} [[llm:tokens=4]]', {
          condition: { step: 'classify', operator: 'contains', value: 'URGENT' },
        }),
        step('routine', member.id, 'File it [[llm:tokens=4]]', {
          condition: { step: 'classify', operator: 'not_contains', value: 'urgent' },
        }),
      ],
    });
    const runId = await startedRun(caller, workflowId, { inputs: { ticket: 'urgent: site down' } });
    await drain(engine({ runIds: [runId] }));
    const steps = await stepsOf(runId);
    expect(
      steps.map((s) => [s.key, (s.output as { skipped?: boolean }).skipped === true, s.credits_charged > 0]),
    ).toEqual([
      ['classify', false, true],
      ['urgent', false, true],
      ['routine', true, false],
    ]);
  });

  it('fails the run after three failed attempts; a replay from that step reuses earlier outputs and charges only the new steps', async () => {
    const caller = await newCaller({ plan: 'pro', allowance: 5_000_000 });
    const member = await hiredMember(caller, { provider: 'google' });
    const tag = uniqueTag();
    const workflowId = await newWorkflow(caller, {
      steps: [
        step('gather', member.id, `Gather ${tag}-a [[llm:tokens=6]]`),
        step(
          'analyse',
          member.id,
          `Analyse {{steps.gather.output}} ${tag}-b [[llm:status=500]][[llm:once=6]]`,
        ),
        step('report', member.id, `Report on {{steps.analyse.output}} ${tag}-c [[llm:tokens=5]]`),
      ],
    });
    const before = await available(caller.id);
    const runId = await startedRun(caller, workflowId);
    const clock = testClock();
    const worker = engine({ runIds: [runId], now: clock.now });
    await drain(worker);
    for (const backoff of [1_000, 4_000]) {
      clock.advance(backoff);
      expect(await tick(worker)).toBe(1);
    }
    const failed = await stepsOf(runId);
    expect(failed.map((s) => [s.key, s.status, s.attempt])).toEqual([
      ['gather', 'completed', 1],
      ['analyse', 'failed', 3],
      ['report', 'skipped', 0],
    ]);
    expect(await runOf(runId)).toMatchObject({ status: 'failed' });
    // Each attempt is two calls: the SDK retries a 5xx once itself.
    expect(await standInCalls(`${tag}-b`)).toBe(6);
    const firstTotal = await expectExactMetering(runId, caller.id, before);
    expect(firstTotal).toBe(failed[0]!.credits_charged);

    const response = await replayRun(caller, runId, { from_step: 'analyse' });
    expect(response.status).toBe(202);
    const replayId = ((await response.json()) as { run: { id: string } }).run.id;
    expect(await workflowRunOf(replayId)).toMatchObject({
      trigger: 'replay',
      replay_of: runId,
      replay_from: 'analyse',
      version: 1,
    });
    await drain(engine({ runIds: [replayId] }));
    const replayed = await stepsOf(replayId);
    expect(replayed.map((s) => [s.key, s.status])).toEqual([
      ['gather', 'completed'],
      ['analyse', 'completed'],
      ['report', 'completed'],
    ]);
    // The earlier output, not a new call; only the new steps are charged.
    expect(replayed[0]!.output).toMatchObject({ text: failed[0]!.output!.text, reused_from: runId });
    expect(replayed[0]!.credits_charged).toBe(0);
    expect(await standInCalls(`${tag}-a`)).toBe(1);
    expect(await standInCalls(`${tag}-b`)).toBe(7);
    expect((await ledgerOf(replayId)).map((r) => r.idempotency_key.split(':')[4]).sort()).toEqual([
      'analyse',
      'report',
    ]);
    await expectExactMetering(replayId, caller.id, before - firstTotal);
  });

  it('keeps a run on the version it started with while the workflow is edited', async () => {
    const caller = await newCaller({ plan: 'pro', allowance: 5_000_000 });
    const member = await hiredMember(caller);
    const definition = (prompt: string) => ({ steps: [step('only', member.id, `${prompt} [[llm:echo]]`)] });
    const workflowId = await newWorkflow(caller, definition('Version one speaking'));
    const runId = await startedRun(caller, workflowId);
    const saved = await saveWorkflow(caller, workflowId, {
      name: 'Edited',
      definition: definition('Version two speaking'),
    });
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({ workflow: { id: workflowId, version: 2 } });
    await drain(engine({ runIds: [runId] }));
    expect((await stepsOf(runId))[0]!.output!.text).toContain('Version one speaking');
    expect(await workflowRunOf(runId)).toMatchObject({ version: 1, status: 'completed' });
    const next = await startedRun(caller, workflowId);
    await drain(engine({ runIds: [next] }));
    expect((await stepsOf(next))[0]!.output!.text).toContain('Version two speaking');
    expect(await workflowRunOf(next)).toMatchObject({ version: 2 });
  });

  it('cancels a run: steps not started are cancelled, the hold released; others cannot cancel or replay it', async () => {
    const caller = await newCaller({ plan: 'pro', allowance: 5_000_000 });
    const stranger = await newCaller({ plan: 'pro' });
    const member = await hiredMember(caller);
    const workflowId = await newWorkflow(caller, {
      steps: [
        step('one', member.id, 'One [[llm:tokens=4]]'),
        step('two', member.id, 'Two {{steps.one.output}}'),
      ],
    });
    const before = await available(caller.id);
    const runId = await startedRun(caller, workflowId);
    expect((await cancelRun(stranger, runId)).status).toBe(404);
    expect((await replayRun(stranger, runId, { from_step: 'one' })).status).toBe(404);
    const response = await cancelRun(caller, runId);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ run: { id: runId, status: 'cancelled' } });
    expect(await drain(engine({ runIds: [runId] }))).toBe(0);
    expect((await stepsOf(runId)).map((s) => s.status)).toEqual(['cancelled', 'cancelled']);
    expect(await workflowRunOf(runId)).toMatchObject({ status: 'cancelled', credits_charged: 0 });
    expect(await available(caller.id)).toBe(before);
    // A replay of the cancelled run from its first step runs everything again.
    const replay = await replayRun(caller, runId, { from_step: 'one' });
    expect(replay.status).toBe(202);
  });
});
