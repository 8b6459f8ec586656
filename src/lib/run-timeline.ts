/**
 * The live timeline of a run-engine run, for every page that follows one (team runs, workflows):
 * the steps as last read, with the run's event log folded over them. Events are newer than any
 * read, so they win; a step without events yet shows as read. What a feature adds to a step (a
 * plan, a skipped branch, a saved file) comes from its row and from each attempt's output through
 * the two callbacks; the streaming, retries, credits and totals are the same for all.
 */
import type { RunStatus, StepStatus } from '@/shared/runs-contract';
import type { RunEvent } from './use-run-events';

/** The run columns a timeline reads. */
export interface TimelineRunRow {
  status: RunStatus;
  error: string | null;
  closed_at: string | null;
  spent_credits: number;
  budget_credits: number;
}

/** The step columns a timeline reads. */
export interface TimelineStepRow {
  key: string;
  status: StepStatus;
  attempt: number;
  output: Record<string, unknown> | null;
  error: string | null;
  model: string;
  input_tokens: number;
  output_tokens: number;
  credits_charged: number;
  latency_ms: number | null;
  estimated: boolean;
}

/** What every run page shows of a step. */
export interface TimelineStep {
  key: string;
  status: StepStatus;
  attempt: number;
  model: string;
  /** The attempt's text: streamed while it runs, the stored output once it ends. */
  text: string;
  /** Every attempt's charge (a retried attempt is paid for too). */
  credits: number;
  inputTokens: number;
  outputTokens: number;
  latencyMs: number | null;
  estimated: boolean;
  error: string | null;
}

export interface Timeline<S> {
  status: RunStatus;
  error: string | null;
  closed: boolean;
  spent: number;
  budget: number;
  steps: S[];
}

export interface TimelineFeature<Row, S> {
  /** The feature's step from its row and the common fields read from it. */
  step(row: Row, common: TimelineStep): S;
  /** The feature's fields after an attempt ended; `output` is null when the event carried none. */
  ended?(row: Row, output: Record<string, unknown> | null): Partial<S>;
}

/** A number from an event's or a row's JSON (numbers may arrive as strings); 0 when missing. */
export const readNumber = (value: unknown) => (typeof value === 'number' ? value : Number(value ?? 0) || 0);
/** A string from an event's or a row's JSON, or undefined. */
export const readString = (value: unknown) => (typeof value === 'string' ? value : undefined);
const textOf = (output: Record<string, unknown> | null | undefined) => readString(output?.text) ?? '';

export function buildTimeline<Row extends TimelineStepRow, S extends TimelineStep>(
  run: TimelineRunRow,
  rows: readonly Row[],
  events: readonly RunEvent[],
  feature: TimelineFeature<Row, S>,
): Timeline<S> {
  const rowOf = new Map(rows.map((row) => [row.key, row]));
  const steps = new Map<string, S>(
    rows.map((row) => [
      row.key,
      feature.step(row, {
        key: row.key,
        status: row.status,
        attempt: row.attempt,
        model: row.model,
        text: textOf(row.output),
        credits: row.credits_charged,
        inputTokens: row.input_tokens,
        outputTokens: row.output_tokens,
        latencyMs: row.latency_ms,
        estimated: row.estimated,
        error: row.error,
      }),
    ]),
  );
  let status = run.status;
  let error = run.error;
  let closed = run.closed_at !== null;
  let spent = run.spent_credits;
  // Credits per step from the log, attempt by attempt (the read may be older).
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
        // A late delta of an earlier attempt must not append to the retry's text.
        if (step && step.status === 'running' && event.attempt === step.attempt)
          step.text += readString(data.text) ?? '';
        break;
      case 'step_finished':
      case 'step_retrying':
      case 'step_failed': {
        const key = event.step_key ?? '';
        logged.set(key, (logged.get(key) ?? 0) + readNumber(data.credits));
        spent = Math.max(spent, readNumber(data.spent_credits));
        const row = rowOf.get(key);
        if (!step || !row) break;
        const output = (data.output as Record<string, unknown> | null | undefined) ?? null;
        const retrying = event.type === 'step_retrying';
        Object.assign(
          step,
          {
            status: retrying ? 'ready' : ((readString(data.status) as StepStatus | undefined) ?? step.status),
            text: output ? textOf(output) : retrying ? '' : step.text,
            credits: Math.max(step.credits, logged.get(key) ?? 0),
            inputTokens: readNumber(data.input_tokens),
            outputTokens: readNumber(data.output_tokens),
            latencyMs: readNumber(data.latency_ms),
            estimated: data.estimated === true,
            error: readString(data.error) ?? null,
          },
          feature.ended?.(row, output),
        );
        break;
      }
      case 'run_status':
        status = (readString(data.status) as RunStatus | undefined) ?? status;
        error = readString(data.error) ?? error;
        if (data.closed === true) {
          closed = true;
          spent = readNumber(data.spent_credits);
        }
        break;
      default:
        break;
    }
  }
  // Steps not started when the run ended show as it left them.
  return { status, error, closed, spent, budget: run.budget_credits, steps: [...steps.values()] };
}
