/**
 * What the run page shows, from the run's steps (as last read) and its event log: each step's
 * lane with its live text, status, cost and usage, the run's status and total. Events are newer
 * than any read, so they win; a step without events yet shows as read.
 */
import type { RunEvent } from '@/lib/use-run-events';
import type { RunStatus, StepStatus } from '@/shared/runs-contract';
import { z } from 'zod';
import { planEntrySchema, type RunRow, type StepRow } from './schemas';

export interface LaneView {
  key: string;
  kind: string;
  title: string;
  subtitle: string | undefined;
  status: StepStatus;
  attempt: number;
  provider: string;
  model: string;
  text: string;
  credits: number;
  inputTokens: number;
  outputTokens: number;
  latencyMs: number | null;
  estimated: boolean;
  error: string | null;
  /** A finished plan: each member's sub-task and why, by name. */
  plan: Array<{ name: string; task: string; why: string }> | undefined;
}

export interface RunView {
  status: RunStatus;
  error: string | null;
  closed: boolean;
  spent: number;
  budget: number;
  lanes: LaneView[];
  result: string | undefined;
}

const num = (value: unknown) => (typeof value === 'number' ? value : Number(value ?? 0) || 0);
const str = (value: unknown) => (typeof value === 'string' ? value : undefined);

function titleOf(step: StepRow): { title: string; subtitle: string | undefined } {
  if (step.kind === 'plan')
    return {
      title: step.key === 'plan-repair' ? 'Plan (repair)' : 'Plan',
      subtitle: 'The supervisor splits the task',
    };
  if (step.kind === 'synthesis')
    return { title: 'Synthesis', subtitle: 'The supervisor combines the contributions' };
  return { title: str(step.input.name) ?? 'Employee', subtitle: str(step.input.subtask) };
}

const textOf = (output: Record<string, unknown> | null) => str(output?.text) ?? '';

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
  const lanes = new Map<string, LaneView>(
    steps.map((step) => [
      step.key,
      {
        key: step.key,
        kind: step.kind,
        ...titleOf(step),
        status: step.status,
        attempt: step.attempt,
        provider: step.provider,
        model: step.model,
        text: textOf(step.output),
        credits: step.credits_charged,
        inputTokens: step.input_tokens,
        outputTokens: step.output_tokens,
        latencyMs: step.latency_ms,
        estimated: step.estimated,
        error: step.error,
        plan: planOf(step, step.output),
      },
    ]),
  );
  const stepOf = new Map(steps.map((step) => [step.key, step]));
  let status: RunStatus = run.status;
  let error = run.error;
  let closed = run.closed_at !== null;
  let spent = run.spent_credits;
  // Credits per step from the log, attempt by attempt (the read may be older).
  const logged = new Map<string, number>();

  for (const event of events) {
    const lane = event.step_key ? lanes.get(event.step_key) : undefined;
    const data = event.data;
    switch (event.type) {
      case 'step_started':
        if (lane)
          Object.assign(lane, {
            status: 'running',
            attempt: event.attempt ?? lane.attempt,
            text: '',
            error: null,
          });
        break;
      case 'step_delta':
        if (lane && lane.status === 'running' && event.attempt === lane.attempt)
          lane.text += str(data.text) ?? '';
        break;
      case 'step_finished':
      case 'step_retrying':
      case 'step_failed': {
        const key = event.step_key ?? '';
        logged.set(key, (logged.get(key) ?? 0) + num(data.credits));
        spent = Math.max(spent, num(data.spent_credits));
        if (!lane) break;
        const output = data.output as Record<string, unknown> | null;
        Object.assign(lane, {
          status:
            event.type === 'step_retrying'
              ? 'ready'
              : ((str(data.status) as StepStatus | undefined) ?? lane.status),
          text: output ? textOf(output) : event.type === 'step_retrying' ? '' : lane.text,
          credits: Math.max(lane.credits, logged.get(key) ?? 0),
          inputTokens: num(data.input_tokens),
          outputTokens: num(data.output_tokens),
          latencyMs: num(data.latency_ms),
          estimated: data.estimated === true,
          error: str(data.error) ?? null,
          plan: planOf(stepOf.get(key)!, output),
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
  // Steps not started when the run ended show as it left them.
  const ordered = [...lanes.values()];
  const synthesis = ordered.find((lane) => lane.kind === 'synthesis' && lane.status === 'completed');
  return {
    status,
    error,
    closed,
    spent,
    budget: run.budget_credits,
    lanes: ordered,
    result: synthesis?.text,
  };
}
