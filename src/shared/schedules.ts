/**
 * Workflow schedules, shared by the builder (the next five runs shown before saving) and the
 * sweeper (the next slot): five-field cron expressions in an IANA time zone, read by croner
 * (docs/decisions/0041). A minute is the finest step: the sweeper runs once a minute.
 */
import { Cron } from 'croner';
import { z } from 'zod';
import { maxRunBudgetByPlan } from './runs-contract';
import { storableText } from './llm-contract';

/** Consecutive runs that could not start (e.g. no credits) before a schedule pauses itself. */
export const maxScheduleFailures = 3;

const isTimeZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

/** Why a cron expression cannot be used, or undefined when it can. */
export function cronProblem(cron: string, timezone: string): string | undefined {
  if (cron.trim().split(/\s+/).length !== 5)
    return 'Use five fields: minute hour day-of-month month day-of-week (e.g. "0 9 * * 1").';
  if (!isTimeZone(timezone)) return `Unknown time zone "${timezone}".`;
  try {
    const next = new Cron(cron, { timezone, paused: true }).nextRun();
    return next ? undefined : 'This schedule never runs.';
  } catch (error) {
    return `Not a cron expression: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** The next `count` slots after `from` (empty when the expression is not usable). */
export function nextRuns(cron: string, timezone: string, count: number, from = new Date()): Date[] {
  if (cronProblem(cron, timezone)) return [];
  return new Cron(cron, { timezone, paused: true }).nextRuns(count, from);
}

export const scheduleSchema = z
  .strictObject({
    name: storableText().trim().min(1, 'Give the schedule a name.').max(120),
    cron: z.string().trim().min(9).max(100),
    timezone: z.string().min(1).max(64),
    input: z.record(z.string(), z.string()).default({}),
    budget_credits: z.int().min(1).max(maxRunBudgetByPlan.max).nullable().default(null),
    is_active: z.boolean().default(true),
  })
  .superRefine((schedule, ctx) => {
    const problem = cronProblem(schedule.cron, schedule.timezone);
    if (problem) ctx.addIssue({ code: 'custom', path: ['cron'], message: problem });
  });
export type ScheduleInput = z.input<typeof scheduleSchema>;
