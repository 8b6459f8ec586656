import { describe, expect, it } from 'vitest';
import type { RunEvent } from '@/lib/use-run-events';
import { buildWorkflowRunView } from './run-view';
import type { RunRow, StepRow } from './schemas';

const run: RunRow = {
  id: 'r',
  title: 'Blog',
  status: 'running',
  budget_credits: 1000,
  spent_credits: 0,
  error: null,
  closed_at: null,
};
const row = (key: string, extra: Partial<StepRow> = {}): StepRow => ({
  key,
  position: 0,
  depends_on: [],
  status: 'ready',
  attempt: 0,
  max_attempts: 3,
  input: { name: key.toUpperCase() },
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
const event = (type: RunEvent['type'], step_key: string | null, data: Record<string, unknown>, attempt = 1) =>
  ({ seq: ++seq, type, step_key, attempt, data, created_at: '' }) as RunEvent;

describe('the workflow run view', () => {
  it('streams text, counts retries and credits, marks skipped steps and the final result', () => {
    const view = buildWorkflowRunView(
      run,
      [row('draft'), row('escalate'), row('edit', { input: { name: 'Edit', final: true } })],
      [
        event('step_started', 'draft', {}),
        event('step_delta', 'draft', { text: 'Hel' }),
        event('step_retrying', 'draft', { credits: 5, spent_credits: 5 }),
        event('step_started', 'draft', {}, 2),
        event('step_delta', 'draft', { text: 'Hello' }, 2),
        event(
          'step_finished',
          'draft',
          { status: 'completed', output: { text: 'Hello' }, credits: 7, spent_credits: 12 },
          2,
        ),
        event('step_started', 'escalate', {}),
        event('step_started', 'edit', {}),
        event('step_finished', 'escalate', {
          status: 'completed',
          output: { text: '', skipped: true, reason: 'Its condition was not met.' },
        }),
        event('step_finished', 'edit', {
          status: 'completed',
          output: { text: 'Final' },
          credits: 3,
          spent_credits: 15,
        }),
        event('run_status', null, { status: 'completed', closed: true, spent_credits: 15 }),
      ],
    );
    expect(view.steps.map((s) => [s.key, s.status, s.attempt, s.credits, s.shortcut ?? null])).toEqual([
      ['draft', 'completed', 2, 12, null],
      ['escalate', 'completed', 1, 0, 'skipped'],
      ['edit', 'completed', 1, 3, null],
    ]);
    expect(view.steps[1]!.reason).toBe('Its condition was not met.');
    expect(view).toMatchObject({ status: 'completed', closed: true, spent: 15, result: 'Final' });
  });
});
