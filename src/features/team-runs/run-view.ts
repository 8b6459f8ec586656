/**
 * What the team-run page shows: the run's timeline (`src/lib/run-timeline.ts`: live text, status,
 * cost and usage per step, the run's status and total) with each lane's title, and the plan a
 * finished plan step proposed; the result is the completed synthesis.
 */
import { buildTimeline, readString, type Timeline, type TimelineStep } from '@/lib/run-timeline';
import type { RunEvent } from '@/lib/use-run-events';
import { z } from 'zod';
import { planEntrySchema, type RunRow, type StepRow } from './schemas';

export interface LaneView extends TimelineStep {
  kind: string;
  title: string;
  subtitle: string | undefined;
  /** A finished plan: each member's sub-task and why, by name. */
  plan: Array<{ name: string; task: string; why: string }> | undefined;
}

export interface RunView extends Omit<Timeline<LaneView>, 'steps'> {
  lanes: LaneView[];
  result: string | undefined;
}

function titleOf(step: StepRow): { title: string; subtitle: string | undefined } {
  if (step.kind === 'plan')
    return {
      title: step.key === 'plan-repair' ? 'Plan (repair)' : 'Plan',
      subtitle: 'The supervisor splits the task',
    };
  if (step.kind === 'synthesis')
    return { title: 'Synthesis', subtitle: 'The supervisor combines the contributions' };
  return { title: readString(step.input.name) ?? 'Employee', subtitle: readString(step.input.subtask) };
}

function planOf(step: StepRow, output: Record<string, unknown> | null): LaneView['plan'] {
  const entries = planEntrySchema.array().safeParse(output?.plan);
  if (!entries.success) return undefined;
  const team = z
    .array(z.object({ employee_id: z.string(), name: z.string() }))
    .catch([])
    .parse(step.input.team);
  return entries.data.map((entry) => ({
    name: team.find((m) => m.employee_id === entry.employee_id)?.name ?? 'Employee',
    task: entry.task,
    why: entry.why,
  }));
}

export function buildRunView(run: RunRow, steps: readonly StepRow[], events: readonly RunEvent[]): RunView {
  const { steps: lanes, ...timeline } = buildTimeline<StepRow, LaneView>(run, steps, events, {
    step: (row, common) => ({
      ...common,
      kind: row.kind,
      ...titleOf(row),
      plan: planOf(row, row.output),
    }),
    // An attempt that ended without a plan (failed, retried) shows none.
    ended: (row, output) => ({ plan: planOf(row, output) }),
  });
  const synthesis = lanes.find((lane) => lane.kind === 'synthesis' && lane.status === 'completed');
  return { ...timeline, lanes, result: synthesis?.text };
}
