import { describe, expect, it } from 'vitest';
import { buildTimeline, type TimelineRunRow, type TimelineStep, type TimelineStepRow } from './run-timeline';
import type { RunEvent } from './use-run-events';

const run: TimelineRunRow = {
  status: 'running',
  error: null,
  closed_at: null,
  spent_credits: 40,
  budget_credits: 1000,
};
interface Row extends TimelineStepRow {
  label: string;
}
const row = (key: string, extra: Partial<Row> = {}): Row => ({
  key,
  label: key.toUpperCase(),
  status: 'ready',
  attempt: 0,
  output: null,
  error: null,
  model: 'gpt-4o-mini',
  input_tokens: 0,
  output_tokens: 0,
  credits_charged: 0,
  latency_ms: null,
  estimated: false,
  ...extra,
});
let seq = 0;
const event = (type: RunEvent['type'], stepKey: string | null, data: Record<string, unknown>, attempt = 1) =>
  ({ seq: ++seq, type, step_key: stepKey, attempt, data, created_at: '' }) as RunEvent;

/** A feature that keeps a label from its row and records what each ended attempt carried. */
interface Step extends TimelineStep {
  label: string;
}
let endings: Array<[string, unknown]> = [];
const timeline = (rows: Row[], events: RunEvent[]) =>
  buildTimeline<Row, Step>(run, rows, events, {
    step: (r, common) => ({ ...common, label: r.label }),
    ended: (r, output) => {
      endings.push([r.key, output]);
      return output?.label ? { label: String(output.label) } : {};
    },
  });

describe('buildTimeline', () => {
  it('shows a step without events as read, with the feature’s own fields', () => {
    const view = timeline(
      [row('a', { status: 'completed', attempt: 1, output: { text: 'Done.' }, credits_charged: 9 })],
      [],
    );
    expect(view.steps).toEqual([
      {
        key: 'a',
        label: 'A',
        status: 'completed',
        attempt: 1,
        model: 'gpt-4o-mini',
        text: 'Done.',
        credits: 9,
        inputTokens: 0,
        outputTokens: 0,
        latencyMs: null,
        estimated: false,
        error: null,
      },
    ]);
    expect(view).toMatchObject({ status: 'running', closed: false, spent: 40, budget: 1000 });
  });

  it('drops a late delta of an earlier attempt and keeps a failed attempt’s streamed text', () => {
    const view = timeline(
      [row('a')],
      [
        event('step_started', 'a', {}, 1),
        event('step_retrying', 'a', { credits: 3, spent_credits: 43 }, 1),
        event('step_started', 'a', {}, 2),
        event('step_delta', 'a', { text: 'stale ' }, 1),
        event('step_delta', 'a', { text: 'partial' }, 2),
        event('step_failed', 'a', { status: 'failed', credits: 4, error: 'cut off', spent_credits: 47 }, 2),
      ],
    );
    expect(view.steps[0]).toMatchObject({
      status: 'failed',
      attempt: 2,
      text: 'partial',
      credits: 7,
      error: 'cut off',
    });
    expect(view.spent).toBe(47);
  });

  it('hands the feature each ended attempt’s output, null when the event carried none', () => {
    endings = [];
    const view = timeline(
      [row('a')],
      [
        event('step_started', 'a', {}, 1),
        event('step_retrying', 'a', { credits: 1 }, 1),
        event('step_started', 'a', {}, 2),
        event(
          'step_finished',
          'a',
          { status: 'completed', output: { text: 'Second.', label: 'Renamed' } },
          2,
        ),
      ],
    );
    expect(endings).toEqual([
      ['a', null],
      ['a', { text: 'Second.', label: 'Renamed' }],
    ]);
    expect(view.steps[0]).toMatchObject({ label: 'Renamed', text: 'Second.', credits: 1 });
  });

  it('never lowers a step’s credits below its read, and counts a step it does not show in the total', () => {
    const view = timeline(
      [row('a', { status: 'completed', credits_charged: 12 })],
      [
        event('step_finished', 'a', { status: 'completed', output: { text: 'x' }, credits: 5 }),
        event('step_finished', 'hidden', { status: 'completed', credits: 8, spent_credits: 60 }),
      ],
    );
    expect(view.steps.map((s) => [s.key, s.credits])).toEqual([['a', 12]]);
    expect(view.spent).toBe(60);
  });

  it('takes the run’s status and error from the log, and the closing total as final', () => {
    const failing = timeline(
      [row('a')],
      [event('run_status', null, { status: 'failed', error: 'A step failed.' })],
    );
    expect(failing).toMatchObject({ status: 'failed', error: 'A step failed.', closed: false, spent: 40 });

    const closed = timeline(
      [row('a')],
      [
        event('step_finished', 'a', {
          status: 'completed',
          output: { text: 'x' },
          credits: 30,
          spent_credits: 70,
        }),
        event('run_status', null, { status: 'completed', closed: true, spent_credits: 65 }),
      ],
    );
    // The close settles the total (a hold's estimate may have run ahead of the charge).
    expect(closed).toMatchObject({ status: 'completed', closed: true, spent: 65 });
  });
});
