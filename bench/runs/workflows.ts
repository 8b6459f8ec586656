/**
 * The workflow case of the run-engine benchmark (`npx tsx bench/runs/workflows.ts [--runs 10]
 * [--latency 100] [--schedules 100]`; see README.md):
 *
 * 1. A 10-step workflow with 3-way parallelism (waves of 1, 3, 3, 3 steps), the stand-in answering
 *    each call after `--latency` ms: end-to-end time from starting the run to its last step's
 *    finish, minus the stand-in's own time on the critical path (the longest call of each wave)
 *    = the engine's overhead per run. p50 / p99 over `--runs`.
 * 2. `--schedules` workflows scheduled for the same minute: one sweeper pass (two at once) after
 *    the slot — every run created within 5 s of the slot, none twice.
 */
import { parseArgs } from 'node:util';
import pg from 'pg';
import { startLocalPlatform } from '../../dev/platform';
import { ms, summarise } from '../llm-gateway/stats';

const { values: options } = parseArgs({
  options: {
    runs: { type: 'string', default: '10' },
    latency: { type: 'string', default: '100' },
    schedules: { type: 'string', default: '100' },
  },
});

async function main() {
  console.log('starting a throw-away platform…');
  const platform = await startLocalPlatform({ mode: 'test' });
  Object.assign(process.env, platform.env, { LOG_LEVEL: 'silent' });
  const { createEngine, tick } = await import('../../netlify/lib/runs/engine');
  const { runKinds } = await import('../../netlify/lib/runs/kinds');
  const { workerDb } = await import('../../netlify/lib/runs/worker-db');
  const { providerClient } = await import('../../netlify/lib/llm/providers');
  const { createLogger } = await import('../../netlify/lib/observability/logger');
  const { getDb } = await import('../../netlify/lib/db');
  const { createWorkflow } = await import('../../netlify/lib/workflows/save-workflow');
  const { startWorkflowRun } = await import('../../netlify/lib/workflows/start-workflow-run');
  const { currentVersionFor } = await import('../../netlify/lib/workflows/user-runs');
  const { fireSchedules } = await import('../../netlify/lib/workflows/schedules');
  const { saveWorkflowSchema } = await import('../../src/shared/workflows-contract');
  const log = createLogger({ bench: 'workflows' });
  const admin = new pg.Pool({ connectionString: platform.databaseUrl, max: 2 });
  const db = workerDb(platform.databaseUrl);

  const userId = crypto.randomUUID();
  await admin.query(
    `insert into auth.users (instance_id, id, aud, role, email, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
     values ('00000000-0000-0000-0000-000000000000', $1, 'authenticated', 'authenticated', $2, '{}', '{}', now(), now())`,
    [userId, `bench-${userId}@example.test`],
  );
  await admin.query(`update public.profiles set plan = 'max' where id = $1`, [userId]);
  await admin.query(
    `select billing.grant_allowance($1, 1000000000000, now(), now() + interval '1 month', $2)`,
    [userId, `bench:${userId}`],
  );
  const { rows: employees } = await admin.query<{ id: string }>(
    `select id from public.ai_employees where published order by slug limit 3`,
  );
  for (const e of employees)
    await admin.query('insert into public.purchased_employees (user_id, employee_id) values ($1, $2)', [
      userId,
      e.id,
    ]);
  const caller = { id: userId, claims: { sub: userId, role: 'authenticated' } };

  // 1. A 10-step workflow: s1 → (s2 s3 s4) → (s5 s6 s7, each after one of the three) → (s8 s9 s10 after all).
  const latency = Number(options.latency);
  const call = `[[llm:latency=${latency}]] [[llm:tokens=16]]`;
  const steps = [
    { key: 's1', prompt: `Start. ${call}` },
    ...[2, 3, 4].map((n) => ({ key: `s${n}`, prompt: `Branch ${n}: {{steps.s1.output}} ${call}` })),
    ...[5, 6, 7].map((n) => ({ key: `s${n}`, prompt: `Deepen {{steps.s${n - 3}.output}} ${call}` })),
    ...[8, 9, 10].map((n) => ({
      key: `s${n}`,
      prompt: `Combine {{steps.s5.output}} {{steps.s6.output}} {{steps.s7.output}} (${n}) ${call}`,
    })),
  ].map((s, i) => ({ ...s, name: s.key, employee_id: employees[i % 3]!.id, max_output_tokens: 64 }));
  const { workflow } = await createWorkflow(
    getDb(),
    caller,
    saveWorkflowSchema.parse({ name: 'Bench: 10 steps, 3-way parallel', definition: { steps } }),
  );
  const pinned = await currentVersionFor(getDb(), caller, workflow.id);

  let streams: number[] = [];
  const timedClient = (provider: Parameters<typeof providerClient>[0]) => {
    const client = providerClient(provider);
    return {
      ...client,
      provider: client.provider,
      complete: client.complete.bind(client),
      async *stream(request: Parameters<typeof client.stream>[0], signal: AbortSignal) {
        const started = performance.now();
        try {
          yield* client.stream(request, signal);
        } finally {
          streams.push(performance.now() - started);
        }
      },
    };
  };
  const overheads: number[] = [];
  const totals: number[] = [];
  const runsWanted = Number(options.runs);
  for (let i = 0; i < runsWanted + 2; i++) {
    const started = performance.now();
    const { run } = await startWorkflowRun(getDb(), pinned, {
      trigger: 'manual',
      inputs: {},
      budgetCredits: 10_000_000,
    });
    const engine = createEngine({ db, log, kinds: runKinds, runIds: [run.id], clientFor: timedClient });
    let criticalPath = 0;
    for (;;) {
      streams = [];
      if ((await tick(engine, 16)) === 0) break;
      criticalPath += Math.max(0, ...streams);
    }
    const total = performance.now() - started;
    const { rows } = await admin.query<{ status: string }>('select status from public.runs where id = $1', [
      run.id,
    ]);
    if (rows[0]?.status !== 'completed') throw new Error(`run ${run.id} ended ${rows[0]?.status}`);
    if (i >= 2) {
      totals.push(total);
      overheads.push(total - criticalPath);
    }
  }
  const overhead = summarise(overheads);
  const total = summarise(totals);

  // 2. Many schedules in the same minute.
  const scheduleCount = Number(options.schedules);
  const workflowIds: string[] = [];
  for (let i = 0; i < scheduleCount; i++) {
    const created = await createWorkflow(
      getDb(),
      caller,
      saveWorkflowSchema.parse({
        name: `Bench schedule ${i}`,
        definition: {
          steps: [
            { key: 'only', name: 'only', employee_id: employees[0]!.id, prompt: 'Tick. [[llm:tokens=4]]' },
          ],
        },
      }),
    );
    workflowIds.push(created.workflow.id);
  }
  await admin.query(
    `insert into public.scheduled_tasks (user_id, workflow_id, name, cron, timezone)
     select $1, id, 'every minute', '* * * * *', 'UTC' from unnest($2::uuid[]) as w(id)`,
    [userId, workflowIds],
  );
  await fireSchedules(getDb(), new Date(), log); // plans them all for the next minute
  const { rows: slots } = await admin.query<{ slot: Date; n: string }>(
    `select next_run_at as slot, count(*) as n from public.scheduled_tasks where workflow_id = any($1::uuid[]) group by 1`,
    [workflowIds],
  );
  const slot = slots[0]!.slot;
  // Wait for the slot, then two sweepers at once, as overlapping invocations would.
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, slot.getTime() - Date.now() + 50)));
  const sweepStarted = Date.now();
  await Promise.all([fireSchedules(getDb(), new Date(), log), fireSchedules(getDb(), new Date(), log)]);
  const sweepMs = Date.now() - sweepStarted;
  const { rows: fired } = await admin.query<{ n: string; distinct_slots: string; latest: Date }>(
    `select count(*) as n, count(distinct (scheduled_task_id, schedule_slot)) as distinct_slots, max(created_at) as latest
     from public.workflow_runs where workflow_id = any($1::uuid[])`,
    [workflowIds],
  );
  const latestAfterSlot = fired[0]!.latest.getTime() - slot.getTime();

  console.log('');
  console.log(`| figure (${runsWanted} runs, stand-in ${latency} ms per call) | p50 | p99 | n |`);
  console.log('| --- | --- | --- | --- |');
  console.log(`| 10-step run end to end, ms | ${ms(total.p50)} | ${ms(total.p99)} | ${total.n} |`);
  console.log(
    `| engine overhead per run (end to end − stand-in on the critical path), ms | ${ms(overhead.p50)} | ${ms(overhead.p99)} | ${overhead.n} |`,
  );
  console.log('');
  console.log('| schedules | value | target |');
  console.log('| --- | --- | --- |');
  console.log(
    `| ${scheduleCount} schedules, one slot, two sweepers at once: runs created / distinct slots | ${fired[0]!.n} / ${fired[0]!.distinct_slots} (${slots.length} slot planned) | ${scheduleCount} / ${scheduleCount} |`,
  );
  console.log(
    `| last run created after the slot, ms (both sweeps took ${sweepMs} ms) | ${latestAfterSlot} | ≤ 5000 |`,
  );

  await admin.end();
  await db.end();
  await platform.stop();
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
