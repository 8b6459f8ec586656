/**
 * The builder's draft as a reducer with named events, and its check with the shared schema: the
 * same messages, at the same paths, as the 400 the function would answer.
 */
import {
  saveWorkflowSchema,
  workflowDefinitionSchema,
  workflowLimits,
  type SaveWorkflowRequest,
  type StepCondition,
  type WorkflowInput,
  type WorkflowStep,
} from '@/shared/workflows-contract';

export interface DraftStep {
  key: string;
  name: string;
  employee_id: string;
  prompt: string;
  after: string[];
  condition: StepCondition | undefined;
  /** Another priced model than the employee's; undefined: the employee's own. */
  model: WorkflowStep['model'];
  max_output_tokens: number;
  max_attempts: number;
  save_to_storage: boolean;
}

export interface Draft {
  name: string;
  description: string;
  inputs: WorkflowInput[];
  steps: DraftStep[];
}

export type DraftEvent =
  | { type: 'reset'; draft: Draft }
  | { type: 'set'; field: 'name' | 'description'; value: string }
  | { type: 'add-input' }
  | { type: 'update-input'; index: number; patch: Partial<WorkflowInput> }
  | { type: 'remove-input'; index: number }
  | { type: 'add-step'; employeeId: string }
  | { type: 'update-step'; index: number; patch: Partial<DraftStep> }
  | { type: 'move-step'; index: number; by: -1 | 1 }
  | { type: 'remove-step'; index: number };

export const emptyDraft: Draft = { name: '', description: '', inputs: [], steps: [] };

const freeName = (taken: readonly string[], base: string) => {
  for (let n = 1; ; n++) if (!taken.includes(`${base}${n}`)) return `${base}${n}`;
};

export function draftReducer(draft: Draft, event: DraftEvent): Draft {
  switch (event.type) {
    case 'reset':
      return event.draft;
    case 'set':
      return { ...draft, [event.field]: event.value };
    case 'add-input':
      return {
        ...draft,
        inputs: [
          ...draft.inputs,
          {
            name: freeName(
              draft.inputs.map((i) => i.name),
              'input',
            ),
            type: 'text',
            required: true,
          },
        ],
      };
    case 'update-input':
      return {
        ...draft,
        inputs: draft.inputs.map((i, n) => (n === event.index ? { ...i, ...event.patch } : i)),
      };
    case 'remove-input':
      return { ...draft, inputs: draft.inputs.filter((_, n) => n !== event.index) };
    case 'add-step': {
      if (draft.steps.length >= workflowLimits.maxSteps) return draft;
      const key = freeName(
        draft.steps.map((s) => s.key),
        'step',
      );
      return {
        ...draft,
        steps: [
          ...draft.steps,
          {
            key,
            name: `Step ${draft.steps.length + 1}`,
            employee_id: event.employeeId,
            prompt: '',
            after: [],
            condition: undefined,
            model: undefined,
            max_output_tokens: workflowLimits.defaultOutputTokens,
            max_attempts: 3,
            save_to_storage: false,
          },
        ],
      };
    }
    case 'update-step':
      return {
        ...draft,
        steps: draft.steps.map((s, n) => (n === event.index ? { ...s, ...event.patch } : s)),
      };
    case 'move-step': {
      const to = event.index + event.by;
      if (to < 0 || to >= draft.steps.length) return draft;
      const steps = [...draft.steps];
      [steps[event.index], steps[to]] = [steps[to]!, steps[event.index]!];
      return { ...draft, steps };
    }
    case 'remove-step':
      return { ...draft, steps: draft.steps.filter((_, n) => n !== event.index) };
  }
}

export function toRequest(draft: Draft): SaveWorkflowRequest {
  return {
    name: draft.name,
    description: draft.description,
    definition: {
      inputs: draft.inputs.map((i) => ({ ...i, default: i.default === '' ? undefined : i.default })),
      steps: draft.steps.map(({ condition, model, ...step }) => ({
        ...step,
        ...(condition ? { condition } : {}),
        ...(model ? { model } : {}),
      })),
    },
  };
}

/** A saved version's definition as a draft (a definition that no longer parses starts empty). */
export function fromDefinition(name: string, description: string, definition: unknown): Draft {
  const parsed = workflowDefinitionSchema.safeParse(definition);
  if (!parsed.success) return { ...emptyDraft, name, description };
  return {
    name,
    description,
    inputs: parsed.data.inputs,
    steps: parsed.data.steps.map((s) => ({ ...s, condition: s.condition, model: s.model })),
  };
}

/** Problems by path (`definition.steps.0.prompt`), as the function reports them. */
export function draftProblems(draft: Draft): Map<string, string> {
  const result = saveWorkflowSchema.safeParse(toRequest(draft));
  const problems = new Map<string, string>();
  if (!result.success)
    for (const issue of result.error.issues) {
      const path = issue.path.join('.');
      if (!problems.has(path)) problems.set(path, issue.message);
    }
  return problems;
}
