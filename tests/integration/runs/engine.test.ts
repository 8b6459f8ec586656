/**
 * The engine's guarantees under failure and concurrency, through the real database: a worker
 * dying between the provider's last token and the settlement, the same background invocation
 * delivered three times, two workers racing, retries with backoff, and a superseded worker.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { runWorker, workerDefaults } from '../../../netlify/lib/runs/engine';
import runWorkerBackground from '../../../netlify/functions/run-worker-background.mjs';
import { dispatchHeader, dispatchToken } from '../../../netlify/lib/runs/dispatch';
import { finishAttempt, sweep } from '../../../netlify/lib/runs/store';
import type { ClaimedStep } from '../../../netlify/lib/runs/types';
import { workerDb } from '../../../netlify/lib/runs/worker-db';
import { serverEnv } from '../../../netlify/lib/env';
import { available, newCaller, standInCalls, testDb, uniqueTag, type Caller } from '../llm/harness';
import {
  drain,
  engine,
  hiredMember,
  holdOf,
  ledgerOf,
  runOf,
  startRun,
  stepsOf,
  testClock,
  usageOf,
} from './harness';

afterAll(async () => {
  await testDb().end();
});

async function newRun(caller: Caller, task: string, members = 3) {
  const team = [];
  for (let i = 0; i < members; i++) team.push(await hiredMember(caller));
  const response = await startRun(caller, {
    task,
    employee_ids: team.map((m) => m.id),
    budget_credits: 200_000,
  });
  expect(response.status).toBe(202);
  return ((await response.json()) as { run: { id: string } }).run.id;
}

/** Every attempt of every step has exactly one usage row, and the ledger charges each once. */
async function expectEachAttemptChargedOnce(runId: string) {
  const steps = await stepsOf(runId);
  const usage = await usageOf(runId);
  const attempts = steps.flatMap((s) =>
    Array.from({ length: s.attempt }, (_, i) => `run:${runId}:step:${s.key}:attempt:${i + 1}`),
  );
  expect(usage.map((u) => u.request_id).sort()).toEqual(attempts.sort());
  const ledger = await ledgerOf(runId);
  expect(new Set(ledger.map((l) => l.idempotency_key)).size).toBe(ledger.length);
  const charged = usage.reduce((sum, u) => sum + u.credits_charged, 0);
  expect(-ledger.reduce((sum, l) => sum + l.amount, 0)).toBe(charged);
  expect(steps.reduce((sum, s) => sum + s.credits_charged, 0)).toBe(charged);
  expect((await runOf(runId))?.spent_credits).toBe(charged);
  return { steps, usage, charged };
}

describe('run engine', () => {
  it('recovers a worker that died between the last token and the settlement: each attempt charged once', async () => {
    const caller = await newCaller({ allowance: 5_000_000 });
    const before = await available(caller.id);
    // Long enough a stream that its text reaches the event log before the "crash".
    const runId = await newRun(caller, 'Review our pricing page. [[llm:tokens=30]] [[llm:rate=80]]', 2);
    const clock = testClock();
    await drain(engine({ now: clock.now, runIds: [runId] }), 1); // the plan; contributions are ready next
    const crashed = engine({
      now: clock.now,
      runIds: [runId],
      beforeFinish: (step) => {
        if (step.key === 'contribution-2') throw new Error('worker killed');
      },
    });
    await drain(crashed, 1);
    let steps = await stepsOf(runId);
    expect(steps.find((s) => s.key === 'contribution-2')).toMatchObject({ status: 'running', attempt: 1 });
    expect(await usageOf(runId)).toHaveLength(2); // plan and contribution-1: the dead attempt is unsettled

    // Before its lease expires the sweeper leaves it alone.
    expect(await sweep(workerDb(process.env.DATABASE_URL!), clock.now(), [runId])).toMatchObject({
      recovered: 0,
    });
    clock.advance(31_000);
    expect(await sweep(workerDb(process.env.DATABASE_URL!), clock.now(), [runId])).toMatchObject({
      recovered: 1,
    });
    // A second sweep finds nothing more to do.
    expect(await sweep(workerDb(process.env.DATABASE_URL!), clock.now(), [runId])).toMatchObject({
      recovered: 0,
    });

    const dead = (await usageOf(runId)).find((u) => u.request_id.endsWith('contribution-2:attempt:1'));
    // Charged once, from the text it had streamed (an estimate, as for chat).
    expect(dead).toMatchObject({ status: 'error', estimated: true });
    expect(dead!.credits_charged).toBeGreaterThan(0);

    // The dead worker coming back changes nothing.
    const { rows } = await testDb().query<{ id: string }>(
      `select id from public.run_steps where run_id = $1 and key = 'contribution-2'`,
      [runId],
    );
    const stale = { id: rows[0]!.id, attempt: 1 } as ClaimedStep;
    expect(
      await finishAttempt(workerDb(process.env.DATABASE_URL!), stale, crashed.workerId, {
        outcome: 'completed',
        output: { text: 'late' },
        usage: {
          inputTokens: 1,
          outputTokens: 1,
          cachedInputTokens: 0,
          latencyMs: 1,
          estimated: false,
          startedAt: new Date(),
        },
      }),
    ).toBe(false);

    // The retry is due after its backoff, by the engine's clock.
    expect(await drain(engine({ now: clock.now, runIds: [runId] }))).toBe(0);
    clock.advance(1_000);
    expect(await drain(engine({ now: clock.now, runIds: [runId] }))).toBe(2); // contribution-2 again, then the synthesis

    const { steps: finalSteps, charged } = await expectEachAttemptChargedOnce(runId);
    steps = finalSteps;
    expect(steps.find((s) => s.key === 'contribution-2')).toMatchObject({ status: 'completed', attempt: 2 });
    expect(await runOf(runId)).toMatchObject({ status: 'completed', closed: true });
    expect(await available(caller.id)).toBe(before - charged);
  });

  it('runs each step once when the same background invocation is delivered three times', async () => {
    const caller = await newCaller({ allowance: 5_000_000 });
    const tag = uniqueTag();
    const runId = await newRun(caller, `Summarise the quarter. ${tag}`);
    const invoke = () =>
      runWorkerBackground(
        new Request('http://localhost/.netlify/functions/run-worker-background', {
          method: 'POST',
          headers: { [dispatchHeader]: dispatchToken(serverEnv()) },
          body: JSON.stringify({ run_id: runId }),
        }),
      );
    const responses = await Promise.all([invoke(), invoke(), invoke()]);
    expect(responses.map((r) => r.status)).toEqual([202, 202, 202]);
    expect(await runOf(runId)).toMatchObject({ status: 'completed', closed: true });
    // plan + 3 contributions + synthesis, each reaching the provider once.
    expect(await standInCalls(tag)).toBe(5);
    const { steps } = await expectEachAttemptChargedOnce(runId);
    expect(steps.every((s) => s.attempt === 1)).toBe(true);
  });

  it('refuses a dispatch without the token', async () => {
    const response = await runWorkerBackground(
      new Request('http://localhost/.netlify/functions/run-worker-background', {
        method: 'POST',
        headers: { [dispatchHeader]: 'guess' },
      }),
    );
    expect(response.status).toBe(404);
  });

  it('executes every step once per attempt with two workers racing', async () => {
    const caller = await newCaller({ allowance: 5_000_000 });
    const tags = [uniqueTag(), uniqueTag(), uniqueTag()];
    const runs = [];
    for (const tag of tags) runs.push(await newRun(caller, `Compare vendors. ${tag}`, 3));
    await Promise.all([drain(engine({ runIds: runs })), drain(engine({ runIds: runs }))]);
    for (const [i, runId] of runs.entries()) {
      expect(await runOf(runId)).toMatchObject({ status: 'completed', closed: true });
      expect(await standInCalls(tags[i]!)).toBe(5);
      const { steps } = await expectEachAttemptChargedOnce(runId);
      expect(steps.every((s) => s.attempt === 1)).toBe(true);
    }
  });

  it('keeps working when a claim fails: the worker tries again and the run completes, charged once', async () => {
    const caller = await newCaller({ allowance: 5_000_000 });
    const runId = await newRun(caller, `Compare vendors. ${uniqueTag()}`, 2);
    const pool = workerDb(process.env.DATABASE_URL ?? '');
    let failures = 0;
    // The second claim (while the plan's contributions could be claimed) fails once, as a dropped
    // connection or a deadlock victim would.
    let claims = 0;
    const flaky = {
      query: (text: string, values?: unknown[]) => {
        if (text.includes('run_engine.claim_steps') && ++claims === 2) {
          failures += 1;
          return Promise.reject(new Error('connection terminated unexpectedly'));
        }
        return pool.query(text, values);
      },
    } as unknown as typeof pool;
    await runWorker(engine({ db: flaky, runIds: [runId] }), { ...workerDefaults(), idleMs: 200, pollMs: 20 });
    expect(failures).toBe(1);
    expect(await runOf(runId)).toMatchObject({ status: 'completed', closed: true });
    await expectEachAttemptChargedOnce(runId);
  });

  it('retries a provider failure mid-stream with backoff, metering each attempt once', async () => {
    const caller = await newCaller({ allowance: 5_000_000 });
    // Every call fails once after 3 tokens (the SDKs never retry mid-stream), then succeeds.
    const runId = await newRun(caller, 'Outline the onboarding. [[llm:stream-error=3]] [[llm:once]]', 1);
    const clock = testClock();
    expect(await drain(engine({ now: clock.now, runIds: [runId] }))).toBe(1);
    expect((await stepsOf(runId))[0]).toMatchObject({ key: 'plan', status: 'ready', attempt: 1 });
    clock.advance(1_000);
    for (let i = 0; i < 4; i++) {
      await drain(engine({ now: clock.now, runIds: [runId] }));
      clock.advance(1_000);
    }
    const { steps, usage } = await expectEachAttemptChargedOnce(runId);
    expect(steps.map((s) => [s.key, s.status, s.attempt])).toEqual([
      ['plan', 'completed', 2],
      ['contribution-1', 'completed', 2],
      ['synthesis', 'completed', 2],
    ]);
    // The failed attempts are charged for what they streamed, estimated; the retries exactly.
    expect(usage.filter((u) => u.request_id.endsWith(':attempt:1')).every((u) => u.status === 'error')).toBe(
      true,
    );
    expect(
      usage
        .filter((u) => u.request_id.endsWith(':attempt:2'))
        .every((u) => u.status === 'ok' && !u.estimated),
    ).toBe(true);
    expect(await runOf(runId)).toMatchObject({ status: 'completed', closed: true });
  });

  it('does not retry a 4xx: the step and the run fail with a message, nothing charged, the hold released', async () => {
    const caller = await newCaller({ allowance: 5_000_000 });
    const before = await available(caller.id);
    const runId = await newRun(caller, 'Plan the offsite. [[llm:status=400]]', 2);
    expect(await drain(engine({ runIds: [runId] }))).toBe(1);
    expect((await stepsOf(runId)).map((s) => [s.key, s.status, s.attempt])).toEqual([['plan', 'failed', 1]]);
    expect(await runOf(runId)).toMatchObject({
      status: 'failed',
      error: 'The model provider rejected this step (it may be too long for the model).',
      spent_credits: 0,
      closed: true,
    });
    expect(await holdOf(runId)).toMatchObject({ status: 'released' });
    expect(await available(caller.id)).toBe(before);
  });
});
