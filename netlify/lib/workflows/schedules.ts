/**
 * Firing workflow schedules, a service action of the run sweeper (every minute; docs/decisions/
 * 0041). Schedules without a next slot get one (from now: no catch-up for the past); each due
 * schedule gets one run for its slot, created with the slot as a unique key — a second sweeper,
 * or the same one again, fails that insert and its whole transaction (the run and its hold) rolls
 * back. The slot then advances to the next one after now (a late sweeper runs a missed slot once,
 * not once per missed minute), with a compare-and-set on the slot, so only one sweeper records
 * the outcome. A run that cannot start (no credits, an employee gone) is recorded as the slot's
 * failed run with the reason (ADR 0078) and notifies the owner; the third such slot in a row
 * pauses the schedule.
 */
import type { DatabaseError } from 'pg';
import type pg from 'pg';
import { randomUUID } from 'node:crypto';
import { withTransaction, type Queryable } from '../db';
import type { Logger } from '../observability/logger';
import { ApiError } from '../http/api-error';
import { maxScheduleFailures, nextRuns } from '../../../src/shared/schedules';
import { startWorkflowRun } from './start-workflow-run';

interface DueTask {
  id: string;
  user_id: string;
  workflow_id: string;
  name: string;
  cron: string;
  timezone: string;
  input: Record<string, string>;
  budget_credits: string | null;
  next_run_at: Date;
  failure_count: number;
  workflow_name: string;
  version_id: string | null;
  version: number;
  definition: unknown;
}

const nextSlot = (task: Pick<DueTask, 'cron' | 'timezone'>, after: Date) =>
  nextRuns(task.cron, task.timezone, 1, after)[0];

const isSlotTaken = (error: unknown) =>
  error instanceof Error &&
  (error as Partial<DatabaseError>).code === '23505' &&
  (error as Partial<DatabaseError>).constraint === 'workflow_runs_scheduled_task_id_schedule_slot_idx';

/** Gives new or changed schedules their next slot; an unusable cron pauses the schedule. */
async function planSchedules(db: pg.Pool, now: Date): Promise<void> {
  const { rows } = await db.query<{ id: string; cron: string; timezone: string }>(
    `select id, cron, timezone from public.scheduled_tasks where is_active and next_run_at is null limit 500`,
  );
  for (const task of rows) {
    const next = nextSlot(task, now);
    if (next)
      await db.query(
        'update public.scheduled_tasks set next_run_at = $2 where id = $1 and next_run_at is null',
        [task.id, next],
      );
    else
      await db.query(
        `update public.scheduled_tasks set is_active = false, paused_reason = $2 where id = $1 and next_run_at is null`,
        [task.id, 'Its cron expression never runs or cannot be read.'],
      );
  }
}

async function notify(db: Queryable, task: DueTask, title: string, body: string) {
  await db.query(
    `insert into public.notifications (user_id, kind, title, body, link) values ($1, 'workflow', $2, $3, $4)`,
    [task.user_id, title, body, `/workflows/${task.workflow_id}`],
  );
}

/** Records a slot's outcome and moves to the next slot, if this sweeper is the first to. */
async function advance(db: Queryable, task: DueTask, now: Date, failed: boolean): Promise<boolean> {
  const next = nextSlot(task, now) ?? null;
  const pause = failed && task.failure_count + 1 >= maxScheduleFailures;
  const { rowCount } = await db.query(
    `update public.scheduled_tasks
     set next_run_at = $3, last_run_at = $2, failure_count = case when $4 then failure_count + 1 else 0 end,
         is_active = is_active and not $5, paused_reason = case when $5 then $6 else paused_reason end
     where id = $1 and next_run_at = $2`,
    [
      task.id,
      task.next_run_at,
      next,
      failed,
      pause,
      `Paused after ${maxScheduleFailures} runs in a row could not start.`,
    ],
  );
  // Pausing cleared next_run_at (the reset trigger); that is what a paused schedule shows.
  return (rowCount ?? 0) > 0;
}

/**
 * The slot's run, failed before it started: no hold, no steps, the reason as its error, in the
 * workflow's history like any run (a workflow never saved has no version to pin, so no row).
 */
async function recordUnstarted(db: Queryable, task: DueTask, reason: string): Promise<void> {
  if (!task.version_id) return;
  const runId = randomUUID();
  await db.query('select 1 from run_engine.record_unstarted_run($1, $2, $3, $4, $5, $6)', [
    runId,
    task.user_id,
    'workflow',
    task.workflow_name.slice(0, 200),
    task.budget_credits,
    reason,
  ]);
  await db.query(
    `insert into public.workflow_runs
       (id, user_id, workflow_id, version_id, version, trigger, inputs, scheduled_task_id, schedule_slot,
        status, error, finished_at)
     values ($1, $2, $3, $4, $5, 'schedule', $6::jsonb, $7, $8, 'failed', $9, now())`,
    [
      runId,
      task.user_id,
      task.workflow_id,
      task.version_id,
      task.version,
      JSON.stringify(task.input ?? {}),
      task.id,
      task.next_run_at,
      reason,
    ],
  );
}

export interface FiredSchedules {
  started: number;
  failed: number;
}

/** Plans and fires due schedules; answers how many runs it started and how many could not start. */
export async function fireSchedules(
  db: pg.Pool,
  now: Date,
  log: Logger,
  limit = 200,
): Promise<FiredSchedules> {
  await planSchedules(db, now);
  const { rows: due } = await db.query<DueTask>(
    `select t.id, t.user_id, t.workflow_id, t.name, t.cron, t.timezone, t.input, t.budget_credits, t.next_run_at,
            t.failure_count, w.name as workflow_name, v.id as version_id, v.version, v.definition
     from public.scheduled_tasks t
     join public.automation_workflows w on w.id = t.workflow_id
     left join public.automation_workflow_versions v on v.id = w.current_version_id
     where t.is_active and t.next_run_at <= $1
     order by t.next_run_at
     limit $2`,
    [now, limit],
  );
  const result: FiredSchedules = { started: 0, failed: 0 };
  for (const task of due) {
    try {
      if (!task.version_id) throw new ApiError('CONFLICT', 'The workflow has never been saved.');
      await startWorkflowRun(
        db,
        {
          workflowId: task.workflow_id,
          userId: task.user_id,
          name: task.workflow_name,
          versionId: task.version_id,
          version: task.version,
          definition: task.definition,
        },
        {
          trigger: 'schedule',
          inputs: task.input,
          budgetCredits: task.budget_credits === null ? undefined : Number(task.budget_credits),
          scheduledTaskId: task.id,
          scheduleSlot: task.next_run_at,
        },
      );
      if (await advance(db, task, now, false)) result.started += 1;
    } catch (error) {
      if (isSlotTaken(error)) {
        // Another sweeper ran this slot; make sure the schedule moves on.
        await advance(db, task, now, false);
        continue;
      }
      if (!(error instanceof ApiError)) {
        log.error('a scheduled workflow run could not be started', { scheduleId: task.id, error });
        continue;
      }
      const paused = task.failure_count + 1 >= maxScheduleFailures;
      const reason =
        error.code === 'INSUFFICIENT_CREDITS'
          ? 'You did not have enough credits to hold its budget.'
          : error.message;
      // The slot's outcome, its failed run and the notice commit together, by the sweeper that
      // wins the compare-and-set (the run's unique slot key backs it up).
      const recorded = await withTransaction(db, async (client) => {
        if (!(await advance(client, task, now, true))) return false;
        await recordUnstarted(client, task, `Could not start: ${reason}`);
        await notify(
          client,
          task,
          paused
            ? `Schedule "${task.name}" paused`
            : `Scheduled run of "${task.workflow_name}" did not start`,
          paused
            ? `${reason} It failed ${maxScheduleFailures} times in a row, so the schedule is paused; enable it again when this is fixed.`
            : reason,
        );
        return true;
      }).catch(async (recordError: unknown) => {
        // A run for this slot exists after all (another sweeper started it): the slot is done.
        if (!isSlotTaken(recordError)) throw recordError;
        await advance(db, task, now, false);
        return false;
      });
      if (recorded) result.failed += 1;
    }
  }
  return result;
}
