import { describe, expect, it } from 'vitest';
import {
  conditionHolds,
  downstreamOf,
  executionWaves,
  renderTemplate,
  resolveInputs,
  workflowDefinitionSchema,
  type WorkflowDefinitionInput,
} from './workflows-contract';

const employee = '6f1c1d1e-1111-4111-8111-111111111111';
const step = (key: string, prompt: string, extra: Record<string, unknown> = {}) => ({
  key,
  name: key,
  employee_id: employee,
  prompt,
  ...extra,
});

const issuesOf = (definition: WorkflowDefinitionInput) => {
  const result = workflowDefinitionSchema.safeParse(definition);
  return result.success ? [] : result.error.issues.map((i) => [i.path.join('.'), i.message]);
};

describe('workflow definitions', () => {
  it('accepts a graph with inputs, parallel steps and a condition', () => {
    const definition: WorkflowDefinitionInput = {
      inputs: [{ name: 'topic', type: 'text' }],
      steps: [
        step('research', 'Research {{input.topic}}'),
        step('outline', 'Outline {{ input.topic }}'),
        step('draft', 'Draft from {{steps.research.output}} and {{steps.outline.output}}'),
        step('edit', 'Edit {{steps.draft.output}}', {
          condition: { step: 'draft', operator: 'not_contains', value: 'REJECT' },
        }),
      ],
    };
    expect(issuesOf(definition)).toEqual([]);
    const parsed = workflowDefinitionSchema.parse(definition);
    expect(executionWaves(parsed.steps)).toEqual([['research', 'outline'], ['draft'], ['edit']]);
    expect([...downstreamOf(parsed.steps, 'outline')].sort()).toEqual(['draft', 'edit', 'outline']);
    expect(parsed.steps[0]).toMatchObject({ max_output_tokens: 1024, max_attempts: 3, after: [] });
  });

  it('points at the step and field of every problem', () => {
    expect(
      issuesOf({
        inputs: [{ name: 'topic', type: 'text' }],
        steps: [
          step('a', 'Use {{input.tpoic}} and {{steps.zz.output}}'),
          step('b', 'Bad {{input}} then {{steps.b.output}}'),
          step('c', 'ok', { condition: { step: 'nope', operator: 'equals', value: 'x' } }),
        ],
      }),
    ).toEqual([
      ['steps.0.prompt', 'Unknown input "tpoic" in {{input.tpoic}}.'],
      ['steps.0.prompt', 'Unknown step "zz" in {{steps.zz.output}}.'],
      ['steps.1.prompt', '{{input}} is not a variable: use {{input.<name>}} or {{steps.<key>.output}}.'],
      ['steps.1.prompt', 'A step cannot use its own output.'],
      ['steps.2.condition.step', 'The condition needs an earlier step, not "nope".'],
    ]);
  });

  it('refuses cycles, duplicate keys and more than 20 steps', () => {
    expect(
      issuesOf({ steps: [step('a', '{{steps.b.output}}'), step('b', '{{steps.a.output}}')] }).map(
        (i) => i[0],
      ),
    ).toEqual(['steps.0.prompt']);
    expect(issuesOf({ steps: [step('a', 'x'), step('a', 'y')] })).toEqual([
      ['steps.1.key', 'Another step has the key "a".'],
    ]);
    const many = Array.from({ length: 21 }, (_, i) => step(`s${i}`, 'x'));
    expect(issuesOf({ steps: many })).toEqual([['steps', 'A workflow has at most 20 steps.']]);
  });
});

describe('templates, conditions and inputs', () => {
  it('renders inputs and step outputs', () => {
    expect(
      renderTemplate('On {{input.topic}}: {{ steps.a.output }} {{other}}', {
        inputs: { topic: 'tea' },
        steps: { a: 'notes' },
      }),
    ).toBe('On tea: notes {{other}}');
  });

  it('evaluates conditions case-insensitively', () => {
    expect(conditionHolds({ step: 'a', operator: 'contains', value: 'Urgent' }, 'this is URGENT')).toBe(true);
    expect(conditionHolds({ step: 'a', operator: 'not_contains', value: 'urgent' }, 'this is URGENT')).toBe(
      false,
    );
    expect(conditionHolds({ step: 'a', operator: 'equals', value: 'yes' }, ' Yes \n')).toBe(true);
  });

  it('checks run inputs against the declared ones', () => {
    const declared = [
      { name: 'topic', type: 'text' as const, required: true },
      { name: 'count', type: 'number' as const, required: false, default: '3' },
      { name: 'site', type: 'url' as const, required: false },
    ];
    expect(resolveInputs(declared, { topic: 'tea', count: 5 })).toEqual({
      ok: true,
      inputs: { topic: 'tea', count: '5', site: '' },
    });
    expect(resolveInputs(declared, { count: 'many', site: 'ftp://x' })).toEqual({
      ok: false,
      errors: [
        { path: 'inputs.topic', message: '"topic" is required.' },
        { path: 'inputs.count', message: 'Must be a number.' },
        { path: 'inputs.site', message: 'Must be an http(s) URL.' },
      ],
    });
  });
});
