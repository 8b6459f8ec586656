/**
 * Schedules fired by the run sweeper's schedule pass against the real database: one run per slot
 * when two sweepers run at once and when one runs late; a schedule whose owner cannot pay fails
 * with a failed run in its history and a notification each slot (once per slot, also with two
 * sweepers) and pauses itself after three; editing the cron replans it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { getDb } from '../../../netlify/lib/db';
import { asUser } from '../../../netlify/lib/db-as-user';
import { createLogger } from '../../../netlify/lib/observability/logger';
import { fireSchedules } from '../../../netlify/lib/workflows/schedules';
import { available, newCaller, testDb, type Caller } from '../llm/harness';
import { hiredMember } from '../runs/harness';
import { newWorkflow, step } from './harness';

afterAll(async () => {
  await testDb().end();
});

const db = () => getDb(process.env.DATABASE_URL);
const log = createLogger({ test: 'schedules' });
const fire = (now: Date) => fireSchedules(db(), now, log);

async function scheduled(caller: Caller, cron: string, budget: number | null = null) {
  const member = await hiredMember(caller);
  const workflowId = await newWorkflow(caller, {
    inputs: [{ name: 'topic', type: 'text' }],
    steps: [step('only', member.id, 'Weekly note on {{input.topic}} [[llm:tokens=4]]')],
  });
  const { rows } = await testDb().query<{ id: string }>(
    `insert into public.scheduled_tasks (user_id, workflow_id, name, cron, timezone, input, budget_credits)
     values ($1, $2, 'Every minute', $3, 'UTC', '{"topic": "tea"}', $4) returning id`,
    [caller.id, workflowId, cron, budget],
  );
  return rows[0]!.id;
}

async function taskOf(id: string) {
  const { rows } = await testDb().query<{
    next_run_at: Date | null;
    is_active: boolean;
    failure_count: number;
    paused_reason: string | null;
  }>(
    'select next_run_at, is_active, failure_count, paused_reason from public.scheduled_tasks where id = $1',
    [id],
  );
  return rows[0]!;
}

async function runsOf(taskId: string) {
  const { rows } = await testDb().query<{
    schedule_slot: Date;
    trigger: string;
    inputs: Record<string, string>;
  }>(
    'select schedule_slot, trigger, inputs from public.workflow_runs where scheduled_task_id = $1 order by schedule_slot',
    [taskId],
  );
  return rows;
}

describe('workflow schedules', () => {
  it('creates exactly one run per slot, with two sweepers at once and with a late one', async () => {
    const caller = await newCaller({ plan: 'pro', allowance: 5_000_000 });
    const taskId = await scheduled(caller, '*/5 * * * *');
    const start = new Date();
    await fire(start);
    const first = (await taskOf(taskId)).next_run_at!;
    expect(first.getTime()).toBeGreaterThan(start.getTime());
    expect(first.getUTCMinutes() % 5).toBe(0);
    expect(await runsOf(taskId)).toEqual([]);

    // Two sweepers in the same minute, just after the slot.
    const due = new Date(first.getTime() + 1_000);
    const [a, b] = await Promise.all([fire(due), fire(due)]);
    expect(a.started + b.started).toBeGreaterThanOrEqual(1);
    expect((await runsOf(taskId)).map((r) => [r.schedule_slot.toISOString(), r.trigger, r.inputs])).toEqual([
      [first.toISOString(), 'schedule', { topic: 'tea' }],
    ]);
    const second = (await taskOf(taskId)).next_run_at!;
    expect(second.getTime()).toBe(first.getTime() + 5 * 60_000);

    // A sweeper 12 minutes late runs the missed slot once and plans the next one after now.
    const late = new Date(second.getTime() + 12 * 60_000);
    await fire(late);
    await fire(late);
    expect((await runsOf(taskId)).map((r) => r.schedule_slot.toISOString())).toEqual([
      first.toISOString(),
      second.toISOString(),
    ]);
    expect((await taskOf(taskId)).next_run_at!.getTime()).toBeGreaterThan(late.getTime());
  });

  it('fails without credits with a failed run and a notification each slot, and pauses after three', async () => {
    const caller = await newCaller({ plan: 'pro', allowance: 1_000 });
    const taskId = await scheduled(caller, '* * * * *', 400_000);
    const before = await available(caller.id);
    let now = new Date();
    await fire(now);
    for (let i = 0; i < 3; i++) {
      now = new Date((await taskOf(taskId)).next_run_at!.getTime() + 1_000);
      await Promise.all([fire(now), fire(now)]);
    }
    // One failed run per slot, with the reason, in the history its owner reads under RLS.
    const slots = (await runsOf(taskId)).map((r) => r.schedule_slot.toISOString());
    expect(new Set(slots).size).toBe(3);
    const history = await asUser(testDb(), { id: caller.id, claims: { sub: caller.id } }, async (client) => {
      const { rows } = await client.query<{
        status: string;
        error: string;
        credits_charged: string;
        trigger: string;
      }>(
        `select w.status, w.error, w.credits_charged, w.trigger from public.workflow_runs w
         where w.scheduled_task_id = $1 order by w.schedule_slot`,
        [taskId],
      );
      return rows;
    });
    expect(history).toEqual(
      Array.from({ length: 3 }, () => ({
        status: 'failed',
        error: 'Could not start: You did not have enough credits to hold its budget.',
        credits_charged: '0',
        trigger: 'schedule',
      })),
    );
    const { rows: engineRuns } = await testDb().query<{
      status: string;
      closed: boolean;
      steps: number;
      held: number;
    }>(
      `select r.status, r.closed_at is not null as closed, r.step_count as steps,
              (select count(*)::int from public.credit_reservations c where c.user_id = r.user_id) as held
       from public.runs r join public.workflow_runs w on w.id = r.id where w.scheduled_task_id = $1`,
      [taskId],
    );
    expect(engineRuns).toEqual(
      Array.from({ length: 3 }, () => ({ status: 'failed', closed: true, steps: 0, held: 0 })),
    );
    expect(await available(caller.id)).toBe(before);
    const task = await taskOf(taskId);
    expect(task).toMatchObject({ is_active: false, next_run_at: null, failure_count: 3 });
    expect(task.paused_reason).toMatch(/Paused after 3 runs/);
    const { rows: notes } = await testDb().query<{ title: string; body: string }>(
      `select title, body from public.notifications where user_id = $1 and kind = 'workflow' order by created_at`,
      [caller.id],
    );
    expect(notes.map((n) => n.title)).toEqual([
      'Scheduled run of "Test workflow" did not start',
      'Scheduled run of "Test workflow" did not start',
      'Schedule "Every minute" paused',
    ]);
    expect(notes[0]!.body).toBe('You did not have enough credits to hold its budget.');

    // Paused: nothing fires. Enabled again by its owner: failures forgotten, replanned.
    await fire(new Date(now.getTime() + 120_000));
    expect((await taskOf(taskId)).next_run_at).toBeNull();
    await testDb().query('update public.scheduled_tasks set is_active = true where id = $1', [taskId]);
    expect(await taskOf(taskId)).toMatchObject({ failure_count: 0, paused_reason: null, is_active: true });
  });

  it('replans when the cron changes', async () => {
    const caller = await newCaller({ plan: 'pro', allowance: 5_000_000 });
    const taskId = await scheduled(caller, '0 9 * * 1');
    await fire(new Date());
    expect((await taskOf(taskId)).next_run_at!.getUTCHours()).toBe(9);
    await testDb().query(`update public.scheduled_tasks set cron = '30 6 * * *' where id = $1`, [taskId]);
    expect((await taskOf(taskId)).next_run_at).toBeNull();
    await fire(new Date());
    expect((await taskOf(taskId)).next_run_at!.getUTCHours()).toBe(6);
  });
});
