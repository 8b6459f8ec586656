/**
 * The run engine's and team runs' shared words (functions and SPA): statuses, event types, the
 * limits of a team run and the body of POST /api/agents/team-run. The SQL checks of
 * supabase/migrations/20261203100000_create_run_engine.sql spell the same lists.
 */
import { z } from 'zod';
import type { ByPlan } from './plans';
import { storableText } from './storable-text';

export const runKindNames = ['team_run', 'workflow'] as const;
export type RunKindName = (typeof runKindNames)[number];

export const runStatuses = ['running', 'completed', 'failed', 'cancelled', 'budget_exceeded'] as const;
export type RunStatus = (typeof runStatuses)[number];

export const stepStatuses = [
  'waiting',
  'ready',
  'running',
  'completed',
  'failed',
  'cancelled',
  'skipped',
] as const;
export type StepStatus = (typeof stepStatuses)[number];

export const runEventTypes = [
  'run_started',
  'step_started',
  'step_delta',
  'step_finished',
  'step_retrying',
  'step_failed',
  'run_status',
] as const;

/** Hard limits of a team run (DESIGN.md §10); the 20 steps per run are a check on public.runs. */
export const teamRunLimits = {
  maxEmployees: 5,
  maxTaskChars: 20_000,
  maxTitleChars: 200,
} as const;

/** The most a run may hold, by plan; the user's default budget is capped by it too. */
export const maxRunBudgetByPlan = {
  free: 500_000,
  pro: 5_000_000,
  max: 50_000_000,
} as const satisfies ByPlan<number>;

export const teamRunSchema = z
  .strictObject({
    task: storableText().trim().min(1).max(teamRunLimits.maxTaskChars),
    employee_ids: z
      .array(z.uuid())
      .min(1)
      .max(teamRunLimits.maxEmployees)
      .refine((ids) => new Set(ids).size === ids.length, { message: 'Each employee may be chosen once.' }),
    supervisor_id: z.uuid().optional(),
    budget_credits: z.int().min(1).max(maxRunBudgetByPlan.max).optional(),
    title: storableText().trim().min(1).max(teamRunLimits.maxTitleChars).optional(),
  })
  .refine((body) => !body.supervisor_id || body.employee_ids.includes(body.supervisor_id), {
    message: 'The supervisor must be one of the chosen employees.',
    path: ['supervisor_id'],
  });
export type TeamRunRequest = z.infer<typeof teamRunSchema>;

export interface TeamRunCreated {
  run: { id: string; status: RunStatus; budget_credits: number };
}

export const teamRunParamsSchema = z.object({ id: z.uuid() });
