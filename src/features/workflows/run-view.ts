/**
 * What the live run page shows, from the steps as last read and the run's event log (events are
 * newer than any read, so they win): each step with its streaming text, status, attempt, cost and
 * usage; the run's status, total and result (the final step's output).
 */
import type { RunEvent } from '@/lib/use-run-events';
import type { RunStatus, StepStatus } from '@/shared/runs-contract';
import type { RunRow, StepRow } from './schemas';

export type StepState = StepStatus | 'skipped_branch' | 'reused';

export interface StepView {
  key: string;
  name: string;
  dependsOn: string[];
  status: StepStatus;
  /** Completed without a call: its condition failed (skipped) or a replay reused it. */
  shortcut: 'skipped' | 'reused' | undefined;
  reason: string | undefined;
  /** Saved to Storage: the file's path in the workflow-outputs bucket. */
  file: string | undefined;
  attempt: number;
  maxAttempts: number;
  model: string;
  text: string;
  credits: number;
  inputTokens: number;
  outputTokens: number;
  latencyMs: number | null;
  estimated: boolean;
  error: string | null;
  final: boolean;
}

export interface WorkflowRunView {
  status: RunStatus;
  error: string | null;
  closed: boolean;
  spent: number;
  budget: number;
  steps: StepView[];
  result: string | undefined;
}

const num = (value: unknown) => (typeof value === 'number' ? value : Number(value ?? 0) || 0);
const str = (value: unknown) => (typeof value === 'string' ? value : undefined);

function outputFields(output: Record<string, unknown> | null | undefined) {
  return {
    text: str(output?.text) ?? '',
    shortcut:
      output?.skipped === true ? ('skipped' as const) : output?.reused_from ? ('reused' as const) : undefined,
    reason: str(output?.reason),
    file: str(output?.file),
  };
}

export function buildWorkflowRunView(
  run: RunRow,
  rows: readonly StepRow[],
  events: readonly RunEvent[],
): WorkflowRunView {
  const steps = new Map<string, StepView>(
    rows.map((row) => [
      row.key,
      {
        key: row.key,
        name: str(row.input.name) ?? row.key,
        dependsOn: row.depends_on,
        status: row.status,
        ...outputFields(row.output),
        attempt: row.attempt,
        maxAttempts: row.max_attempts,
        model: row.model,
        credits: row.credits_charged,
        inputTokens: row.input_tokens,
        outputTokens: row.output_tokens,
        latencyMs: row.latency_ms,
        estimated: row.estimated,
        error: row.error,
        final: row.input.final === true,
      },
    ]),
  );
  let status: RunStatus = run.status;
  let error = run.error;
  let closed = run.closed_at !== null;
  let spent = run.spent_credits;
  const logged = new Map<string, number>();

  for (const event of events) {
    const step = event.step_key ? steps.get(event.step_key) : undefined;
    const data = event.data;
    switch (event.type) {
      case 'step_started':
        if (step)
          Object.assign(step, {
            status: 'running',
            attempt: event.attempt ?? step.attempt,
            text: '',
            error: null,
          });
        break;
      case 'step_delta':
        if (step && step.status === 'running' && event.attempt === step.attempt)
          step.text += str(data.text) ?? '';
        break;
      case 'step_finished':
      case 'step_retrying':
      case 'step_failed': {
        const key = event.step_key ?? '';
        logged.set(key, (logged.get(key) ?? 0) + num(data.credits));
        spent = Math.max(spent, num(data.spent_credits));
        if (!step) break;
        const output = data.output as Record<string, unknown> | null;
        Object.assign(step, {
          status:
            event.type === 'step_retrying'
              ? 'ready'
              : ((str(data.status) as StepStatus | undefined) ?? step.status),
          ...(output ? outputFields(output) : event.type === 'step_retrying' ? { text: '' } : {}),
          credits: Math.max(step.credits, logged.get(key) ?? 0),
          inputTokens: num(data.input_tokens),
          outputTokens: num(data.output_tokens),
          latencyMs: num(data.latency_ms),
          estimated: data.estimated === true,
          error: str(data.error) ?? null,
        });
        break;
      }
      case 'run_status':
        status = (str(data.status) as RunStatus | undefined) ?? status;
        error = str(data.error) ?? error;
        if (data.closed === true) {
          closed = true;
          spent = num(data.spent_credits);
        }
        break;
      default:
        break;
    }
  }
  const ordered = [...steps.values()];
  const final = ordered.find((s) => s.final && s.status === 'completed' && !s.shortcut);
  return { status, error, closed, spent, budget: run.budget_credits, steps: ordered, result: final?.text };
}
