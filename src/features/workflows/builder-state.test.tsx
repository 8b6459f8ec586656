import { describe, expect, it } from 'vitest';
import {
  draftProblems,
  draftReducer,
  emptyDraft,
  fromDefinition,
  toRequest,
  type Draft,
} from './builder-state';

const employee = '6f1c1d1e-1111-4111-8111-111111111111';

describe('the builder draft', () => {
  it('adds, edits, reorders and removes steps; the request saves what the draft shows', () => {
    let draft: Draft = { ...emptyDraft, name: 'Blog' };
    draft = draftReducer(draft, { type: 'add-input' });
    draft = draftReducer(draft, { type: 'update-input', index: 0, patch: { name: 'topic' } });
    draft = draftReducer(draft, { type: 'add-step', employeeId: employee });
    draft = draftReducer(draft, { type: 'add-step', employeeId: employee });
    draft = draftReducer(draft, {
      type: 'update-step',
      index: 0,
      patch: { prompt: 'Research {{input.topic}}' },
    });
    draft = draftReducer(draft, {
      type: 'update-step',
      index: 1,
      patch: { prompt: 'Write {{steps.step1.output}}' },
    });
    expect(draft.steps.map((s) => s.key)).toEqual(['step1', 'step2']);
    expect(draftProblems(draft)).toEqual(new Map());

    const moved = draftReducer(draft, { type: 'move-step', index: 1, by: -1 });
    expect(moved.steps.map((s) => s.key)).toEqual(['step2', 'step1']);
    expect(draftReducer(moved, { type: 'move-step', index: 0, by: -1 })).toBe(moved);

    const request = toRequest(draft);
    expect(fromDefinition(request.name, request.description ?? '', request.definition).steps).toEqual(
      draft.steps,
    );
    // Removing the step another one reads from is flagged at that prompt.
    const removed = draftReducer(draft, { type: 'remove-step', index: 0 });
    expect(draftProblems(removed)).toEqual(
      new Map([['definition.steps.0.prompt', 'Unknown step "step1" in {{steps.step1.output}}.']]),
    );
  });
});
