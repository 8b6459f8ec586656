import { fireEvent, render, screen, within } from '@testing-library/react';
import { expect, it, vi } from 'vitest';
import { currentModels } from '@/lib/priced-models';
import type { DraftEvent, DraftStep } from './builder-state';
import { StepEditor } from './components/step-editor';

const day = (iso: string) => `${iso}T00:00:00Z`;
const now = Date.parse(day('2026-12-03'));
const rows = [
  {
    provider: 'openai',
    model: 'gpt-4o-mini',
    display_name: 'GPT-4o mini',
    input_rate: 150000,
    output_rate: 600000,
    effective_from: day('2026-01-01'),
    effective_to: null,
  },
  // An older price of the same model: offered once.
  {
    provider: 'openai',
    model: 'gpt-4o-mini',
    display_name: 'GPT-4o mini',
    input_rate: 200000,
    output_rate: 800000,
    effective_from: day('2025-01-01'),
    effective_to: null,
  },
  {
    provider: 'anthropic',
    model: 'claude-haiku-4-5',
    display_name: 'Claude Haiku 4.5',
    input_rate: 1000000,
    output_rate: 5000000,
    effective_from: day('2026-01-01'),
    effective_to: null,
  },
  {
    provider: 'openai',
    model: 'gpt-retired',
    display_name: 'Retired',
    input_rate: 1,
    output_rate: 1,
    effective_from: day('2025-01-01'),
    effective_to: day('2026-06-01'),
  },
  {
    provider: 'google',
    model: 'gemini-next',
    display_name: 'Not yet',
    input_rate: 1,
    output_rate: 1,
    effective_from: day('2027-01-01'),
    effective_to: null,
  },
] as const;

const step: DraftStep = {
  key: 'step1',
  name: 'Research',
  employee_id: 'e1',
  prompt: 'Research it',
  after: [],
  condition: undefined,
  model: undefined,
  max_output_tokens: 1024,
  max_attempts: 3,
  save_to_storage: false,
};
const hires = [
  {
    id: 'e1',
    name: 'Ada',
    role: 'Researcher',
    provider: 'openai',
    model: 'gpt-5-mini',
    inputRate: 1,
    outputRate: 1,
  },
];

function editor(current: DraftStep, problem?: string) {
  const dispatch = vi.fn<(event: DraftEvent) => void>();
  render(
    <ol>
      <StepEditor
        step={current}
        index={0}
        count={1}
        inputs={[]}
        earlier={[]}
        hires={hires}
        models={currentModels([...rows], now)}
        problem={(field) => (field === 'model' ? problem : undefined)}
        dispatch={dispatch}
      />
    </ol>,
  );
  return { dispatch, picker: screen.getByRole('combobox', { name: /model/i }) };
}

it('offers the employee’s model by default and only the models priced now', () => {
  const { picker } = editor(step);
  const options = within(picker)
    .getAllByRole('option')
    .map((o) => o.textContent);
  expect(options).toEqual([
    "The employee's model (gpt-5-mini)",
    'GPT-4o mini (openai)',
    'Claude Haiku 4.5 (anthropic)',
  ]);
  expect((picker as HTMLSelectElement).value).toBe('');
});

it('sets and clears the step’s model override', () => {
  const { dispatch, picker } = editor(step);
  fireEvent.change(picker, { target: { value: 'anthropic/claude-haiku-4-5' } });
  expect(dispatch).toHaveBeenLastCalledWith({
    type: 'update-step',
    index: 0,
    patch: { model: { provider: 'anthropic', model: 'claude-haiku-4-5' } },
  });
  fireEvent.change(picker, { target: { value: '' } });
  expect(dispatch).toHaveBeenLastCalledWith({ type: 'update-step', index: 0, patch: { model: undefined } });
});

it('keeps an override that is no longer priced visible, with the server’s error', () => {
  const { picker } = editor(
    { ...step, model: { provider: 'openai', model: 'gpt-retired' } },
    'openai/gpt-retired is not an available model.',
  );
  expect((picker as HTMLSelectElement).value).toBe('openai/gpt-retired');
  expect(within(picker).getByRole('option', { name: 'gpt-retired (no longer available)' })).toBeTruthy();
  expect(screen.getByText('openai/gpt-retired is not an available model.')).toBeTruthy();
});
