/**
 * What the live workflow-run page shows: the run's timeline (`src/lib/run-timeline.ts`: streaming
 * text, status, attempt, cost and usage per step, the run's status and total) with each step's
 * name, dependencies and the ways it can complete without a call; the result is the final step's
 * output.
 */
import { buildTimeline, readString, type Timeline, type TimelineStep } from '@/lib/run-timeline';
import type { RunEvent } from '@/lib/use-run-events';
import type { RunRow, StepRow } from './schemas';

export interface StepView extends TimelineStep {
  name: string;
  dependsOn: string[];
  /** Completed without a call: its condition failed (skipped) or a replay reused it. */
  shortcut: 'skipped' | 'reused' | undefined;
  reason: string | undefined;
  /** Saved to Storage: the file's path in the workflow-outputs bucket. */
  file: string | undefined;
  maxAttempts: number;
  final: boolean;
}

export interface WorkflowRunView extends Timeline<StepView> {
  result: string | undefined;
}

function outputFields(output: Record<string, unknown> | null | undefined) {
  return {
    shortcut:
      output?.skipped === true ? ('skipped' as const) : output?.reused_from ? ('reused' as const) : undefined,
    reason: readString(output?.reason),
    file: readString(output?.file),
  };
}

export function buildWorkflowRunView(
  run: RunRow,
  rows: readonly StepRow[],
  events: readonly RunEvent[],
): WorkflowRunView {
  const timeline = buildTimeline<StepRow, StepView>(run, rows, events, {
    step: (row, common) => ({
      ...common,
      name: readString(row.input.name) ?? row.key,
      dependsOn: row.depends_on,
      ...outputFields(row.output),
      maxAttempts: row.max_attempts,
      final: row.input.final === true,
    }),
    // An attempt that ended without an output (failed, retried) keeps what the step showed.
    ended: (_row, output) => (output ? outputFields(output) : {}),
  });
  const final = timeline.steps.find((s) => s.final && s.status === 'completed' && !s.shortcut);
  return { ...timeline, result: final?.text };
}
