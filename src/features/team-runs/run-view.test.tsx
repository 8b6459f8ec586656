import { describe, expect, it } from 'vitest';
import type { RunEvent } from '@/lib/use-run-events';
import { buildRunView } from './run-view';
import type { RunRow, StepRow } from './schemas';

const run: RunRow = {
  id: 'r',
  title: 'T',
  status: 'running',
  budget_credits: 1000,
  spent_credits: 0,
  error: null,
  created_at: '2026-12-03T10:00:00Z',
  finished_at: null,
  closed_at: null,
};
const step = (key: string, kind: string, extra: Partial<StepRow> = {}): StepRow => ({
  key,
  kind,
  position: 0,
  status: 'waiting',
  attempt: 0,
  input: kind === 'contribution' ? { name: 'Ada', subtask: 'Check the numbers' } : {},
  output: null,
  error: null,
  provider: 'openai',
  model: 'gpt-4o-mini',
  input_tokens: 0,
  output_tokens: 0,
  credits_charged: 0,
  latency_ms: null,
  estimated: false,
  ...extra,
});
let seq = 0;
const event = (
  type: RunEvent['type'],
  stepKey: string | null,
  data: Record<string, unknown>,
  attempt = 1,
): RunEvent => ({
  seq: ++seq,
  type,
  step_key: stepKey,
  attempt,
  data,
  created_at: '2026-12-03T10:00:01Z',
});

describe('buildRunView', () => {
  it('streams a lane from its deltas and settles it from its finish, totals from the log', () => {
    const steps = [
      step('plan', 'plan', { status: 'completed', credits_charged: 10 }),
      step('contribution-1', 'contribution'),
    ];
    const streaming = buildRunView(run, steps, [
      event('step_started', 'contribution-1', {}),
      event('step_delta', 'contribution-1', { text: 'Hello ' }),
      event('step_delta', 'contribution-1', { text: 'world' }),
    ]);
    expect(streaming.lanes[1]).toMatchObject({
      title: 'Ada',
      subtitle: 'Check the numbers',
      status: 'running',
      text: 'Hello world',
    });

    const done = buildRunView(run, steps, [
      event('step_started', 'contribution-1', {}),
      event('step_delta', 'contribution-1', { text: 'Hel' }),
      event('step_finished', 'contribution-1', {
        status: 'completed',
        output: { text: 'Hello world.' },
        credits: 7,
        input_tokens: 20,
        output_tokens: 3,
        latency_ms: 900,
        spent_credits: 17,
      }),
      event('run_status', null, { status: 'completed', closed: true, spent_credits: 17 }),
    ]);
    expect(done.lanes[1]).toMatchObject({
      status: 'completed',
      text: 'Hello world.',
      credits: 7,
      outputTokens: 3,
    });
    expect(done).toMatchObject({ status: 'completed', closed: true, spent: 17 });
  });

  it('starts a retried attempt afresh and keeps the credits of every attempt', () => {
    const steps = [step('contribution-1', 'contribution')];
    const view = buildRunView(run, steps, [
      event('step_started', 'contribution-1', {}, 1),
      event('step_delta', 'contribution-1', { text: 'broken' }, 1),
      event(
        'step_retrying',
        'contribution-1',
        { status: 'ready', credits: 2, error: 'failed', spent_credits: 2 },
        1,
      ),
      event('step_started', 'contribution-1', {}, 2),
      event('step_delta', 'contribution-1', { text: 'fresh' }, 2),
    ]);
    expect(view.lanes[0]).toMatchObject({ status: 'running', attempt: 2, text: 'fresh', credits: 2 });
  });
});
