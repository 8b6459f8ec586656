/**
 * Automation workflows, shared by the SPA (the builder's inline errors) and the functions (the
 * 400 on save, the check again at run time): the definition's schema, its template language
 * (`{{input.<name>}}`, `{{steps.<key>.output}}`), the dependency graph it implies, conditions,
 * and the bodies of the workflow endpoints (docs/decisions/0040).
 */
import { z } from 'zod';
import { llmProviderNames, maxOutputTokensByPlan, storableText } from './llm-contract';
import { maxRunBudgetByPlan } from './runs-contract';

export const workflowLimits = {
  maxSteps: 20,
  maxInputs: 20,
  maxPromptChars: 20_000,
  maxNameChars: 120,
  maxDescriptionChars: 2_000,
  maxInputValueChars: 20_000,
  defaultOutputTokens: 1_024,
} as const;

export const workflowInputTypes = ['text', 'number', 'url'] as const;
export type WorkflowInputType = (typeof workflowInputTypes)[number];

export const conditionOperators = ['contains', 'not_contains', 'equals'] as const;
export type ConditionOperator = (typeof conditionOperators)[number];
export const conditionOperatorLabels: Record<ConditionOperator, string> = {
  contains: 'contains',
  not_contains: 'does not contain',
  equals: 'equals',
};

export const workflowTriggers = ['manual', 'schedule', 'webhook', 'replay'] as const;
export type WorkflowTrigger = (typeof workflowTriggers)[number];

const identifier = (what: string) =>
  z
    .string()
    .regex(
      /^[a-z][a-z0-9_]{0,39}$/,
      `A ${what} is 1–40 lowercase letters, digits or _, starting with a letter.`,
    );

export const workflowInputSchema = z.strictObject({
  name: identifier('input name'),
  label: storableText().trim().max(120).optional(),
  type: z.enum(workflowInputTypes),
  required: z.boolean().default(true),
  default: storableText().max(workflowLimits.maxInputValueChars).optional(),
});
export type WorkflowInput = z.infer<typeof workflowInputSchema>;

export const stepConditionSchema = z.strictObject({
  step: identifier('step key'),
  operator: z.enum(conditionOperators),
  value: storableText().max(2_000),
});
export type StepCondition = z.infer<typeof stepConditionSchema>;

export const workflowStepSchema = z.strictObject({
  key: identifier('step key'),
  name: storableText().trim().min(1, 'Give the step a name.').max(120),
  employee_id: z.uuid('Pick an employee.'),
  prompt: storableText().trim().min(1, 'Write a prompt.').max(workflowLimits.maxPromptChars),
  /** Steps this one waits for besides those its prompt and condition mention. */
  after: z.array(identifier('step key')).max(workflowLimits.maxSteps).default([]),
  condition: stepConditionSchema.optional(),
  /** Another model than the employee's, among the priced models. */
  model: z.strictObject({ provider: z.enum(llmProviderNames), model: z.string().min(1).max(100) }).optional(),
  max_output_tokens: z
    .int()
    .min(1)
    .max(maxOutputTokensByPlan.max)
    .default(workflowLimits.defaultOutputTokens),
  max_attempts: z.int().min(1).max(5).default(3),
  /** Also write the output to a Markdown file in the owner's Storage folder (workflow-outputs). */
  save_to_storage: z.boolean().default(false),
});
export type WorkflowStep = z.infer<typeof workflowStepSchema>;

// ---------------------------------------------------------------------------------------------
// Templates
// ---------------------------------------------------------------------------------------------

export type TemplateRef = { kind: 'input'; name: string } | { kind: 'step'; key: string };

const variablePattern = /\{\{\s*([^{}]*?)\s*\}\}/g;
const inputRef = /^input\.([a-z][a-z0-9_]{0,39})$/;
const stepRef = /^steps\.([a-z][a-z0-9_]{0,39})\.output$/;

/** The variables of a template, in order; `undefined` for one that is not a valid reference. */
export function templateRefs(template: string): Array<{ text: string; ref: TemplateRef | undefined }> {
  return [...template.matchAll(variablePattern)].map((match) => {
    const body = match[1] ?? '';
    const input = inputRef.exec(body);
    const step = stepRef.exec(body);
    const ref: TemplateRef | undefined = input
      ? { kind: 'input', name: input[1]! }
      : step
        ? { kind: 'step', key: step[1]! }
        : undefined;
    return { text: match[0], ref };
  });
}

/** Fills a template; every reference was checked on save, a missing value renders empty. */
export function renderTemplate(
  template: string,
  values: { inputs: Record<string, string>; steps: Record<string, string> },
): string {
  return template.replace(variablePattern, (whole, body: string) => {
    const input = inputRef.exec(body.trim());
    if (input) return values.inputs[input[1]!] ?? '';
    const step = stepRef.exec(body.trim());
    if (step) return values.steps[step[1]!] ?? '';
    return whole;
  });
}

/** The steps a step waits for: those its prompt or condition mention, and its `after`. */
export function dependenciesOf(step: Pick<WorkflowStep, 'prompt' | 'after' | 'condition'>): string[] {
  const keys = new Set<string>(step.after);
  for (const { ref } of templateRefs(step.prompt)) if (ref?.kind === 'step') keys.add(ref.key);
  if (step.condition) keys.add(step.condition.step);
  return [...keys];
}

/** Whether a condition on an earlier step's output holds (case-insensitive, trimmed). */
export function conditionHolds(condition: StepCondition, output: string): boolean {
  const text = output.trim().toLowerCase();
  const value = condition.value.trim().toLowerCase();
  if (condition.operator === 'equals') return text === value;
  const found = text.includes(value);
  return condition.operator === 'contains' ? found : !found;
}

/**
 * The steps in dependency order, as waves: every step of a wave can run in parallel once the
 * waves before it are done. Undefined when the graph has a cycle (or an unknown step).
 */
export function executionWaves(
  steps: ReadonlyArray<Pick<WorkflowStep, 'key' | 'prompt' | 'after' | 'condition'>>,
) {
  const deps = new Map(steps.map((s) => [s.key, dependenciesOf(s)]));
  const done = new Set<string>();
  const waves: string[][] = [];
  while (done.size < steps.length) {
    const wave = steps
      .filter((s) => !done.has(s.key) && (deps.get(s.key) ?? []).every((d) => done.has(d)))
      .map((s) => s.key);
    if (wave.length === 0) return undefined;
    wave.forEach((key) => done.add(key));
    waves.push(wave);
  }
  return waves;
}

/** Keys of `from` and every step that depends on it, directly or not. */
export function downstreamOf(
  steps: ReadonlyArray<Pick<WorkflowStep, 'key' | 'prompt' | 'after' | 'condition'>>,
  from: string,
): Set<string> {
  const reached = new Set([from]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const step of steps) {
      if (!reached.has(step.key) && dependenciesOf(step).some((d) => reached.has(d))) {
        reached.add(step.key);
        grew = true;
      }
    }
  }
  return reached;
}

// ---------------------------------------------------------------------------------------------
// The definition
// ---------------------------------------------------------------------------------------------

/** Finds the first step on a cycle (for the error's path). */
function stepOnCycle(steps: ReadonlyArray<WorkflowStep>): number | undefined {
  const index = new Map(steps.map((s, i) => [s.key, i]));
  const state = new Map<string, 'open' | 'done'>();
  const visit = (key: string): boolean => {
    if (state.get(key) === 'done') return false;
    if (state.get(key) === 'open') return true;
    state.set(key, 'open');
    const step = steps[index.get(key)!]!;
    // A step naming itself is reported as such, not as a cycle.
    for (const dep of dependenciesOf(step)) if (dep !== key && index.has(dep) && visit(dep)) return true;
    state.set(key, 'done');
    return false;
  };
  for (const [i, step] of steps.entries()) {
    state.clear();
    if (visit(step.key)) return i;
  }
  return undefined;
}

export const workflowDefinitionSchema = z
  .strictObject({
    inputs: z.array(workflowInputSchema).max(workflowLimits.maxInputs).default([]),
    steps: z
      .array(workflowStepSchema)
      .min(1, 'Add at least one step.')
      .max(workflowLimits.maxSteps, `A workflow has at most ${workflowLimits.maxSteps} steps.`),
  })
  .superRefine((definition, ctx) => {
    const inputNames = new Set<string>();
    definition.inputs.forEach((input, i) => {
      if (inputNames.has(input.name))
        ctx.addIssue({
          code: 'custom',
          path: ['inputs', i, 'name'],
          message: `Another input is named "${input.name}".`,
        });
      inputNames.add(input.name);
      if (input.type === 'number' && input.default !== undefined && !Number.isFinite(Number(input.default)))
        ctx.addIssue({
          code: 'custom',
          path: ['inputs', i, 'default'],
          message: 'The default must be a number.',
        });
    });
    const keys = new Map<string, number>();
    definition.steps.forEach((step, i) => {
      if (keys.has(step.key))
        ctx.addIssue({
          code: 'custom',
          path: ['steps', i, 'key'],
          message: `Another step has the key "${step.key}".`,
        });
      else keys.set(step.key, i);
    });
    definition.steps.forEach((step, i) => {
      for (const { text, ref } of templateRefs(step.prompt)) {
        if (!ref)
          ctx.addIssue({
            code: 'custom',
            path: ['steps', i, 'prompt'],
            message: `${text} is not a variable: use {{input.<name>}} or {{steps.<key>.output}}.`,
          });
        else if (ref.kind === 'input' && !inputNames.has(ref.name))
          ctx.addIssue({
            code: 'custom',
            path: ['steps', i, 'prompt'],
            message: `Unknown input "${ref.name}" in ${text}.`,
          });
        else if (ref.kind === 'step' && !keys.has(ref.key))
          ctx.addIssue({
            code: 'custom',
            path: ['steps', i, 'prompt'],
            message: `Unknown step "${ref.key}" in ${text}.`,
          });
        else if (ref.kind === 'step' && ref.key === step.key)
          ctx.addIssue({
            code: 'custom',
            path: ['steps', i, 'prompt'],
            message: 'A step cannot use its own output.',
          });
      }
      step.after.forEach((dep, j) => {
        if (!keys.has(dep) || dep === step.key)
          ctx.addIssue({ code: 'custom', path: ['steps', i, 'after', j], message: `Unknown step "${dep}".` });
      });
      if (step.condition && (!keys.has(step.condition.step) || step.condition.step === step.key))
        ctx.addIssue({
          code: 'custom',
          path: ['steps', i, 'condition', 'step'],
          message: `The condition needs an earlier step, not "${step.condition.step}".`,
        });
    });
    if (ctx.value.steps.length > 0 && [...keys.keys()].length === definition.steps.length) {
      const onCycle = stepOnCycle(definition.steps);
      if (onCycle !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['steps', onCycle, 'prompt'],
          message: 'This step depends on itself through other steps (a cycle).',
        });
    }
  });
export type WorkflowDefinition = z.infer<typeof workflowDefinitionSchema>;
export type WorkflowDefinitionInput = z.input<typeof workflowDefinitionSchema>;

// ---------------------------------------------------------------------------------------------
// Run inputs
// ---------------------------------------------------------------------------------------------

const inputValue = z.union([z.string(), z.number(), z.boolean()]);

/** A run's inputs checked against the declared ones: values as text, or errors by input name. */
export function resolveInputs(
  declared: readonly WorkflowInput[],
  given: Record<string, unknown>,
):
  | { ok: true; inputs: Record<string, string> }
  | { ok: false; errors: Array<{ path: string; message: string }> } {
  const inputs: Record<string, string> = {};
  const errors: Array<{ path: string; message: string }> = [];
  for (const input of declared) {
    const raw = given[input.name];
    const parsed = raw === undefined || raw === null || raw === '' ? undefined : inputValue.safeParse(raw);
    const value = parsed?.success ? String(parsed.data).trim() : (input.default ?? undefined);
    const path = `inputs.${input.name}`;
    if (parsed && !parsed.success) errors.push({ path, message: 'Must be text or a number.' });
    else if (value === undefined || value === '') {
      if (input.required) errors.push({ path, message: `"${input.label ?? input.name}" is required.` });
      else inputs[input.name] = '';
    } else if (value.length > workflowLimits.maxInputValueChars) {
      errors.push({ path, message: `At most ${workflowLimits.maxInputValueChars} characters.` });
    } else if (input.type === 'number' && !Number.isFinite(Number(value))) {
      errors.push({ path, message: 'Must be a number.' });
    } else if (input.type === 'url' && !/^https?:\/\/[^\s]+$/i.test(value)) {
      errors.push({ path, message: 'Must be an http(s) URL.' });
    } else inputs[input.name] = value;
  }
  return errors.length ? { ok: false, errors } : { ok: true, inputs };
}

// ---------------------------------------------------------------------------------------------
// Endpoints
// ---------------------------------------------------------------------------------------------

export const saveWorkflowSchema = z.strictObject({
  name: storableText().trim().min(1, 'Give the workflow a name.').max(workflowLimits.maxNameChars),
  description: storableText().trim().max(workflowLimits.maxDescriptionChars).default(''),
  definition: workflowDefinitionSchema,
});
export type SaveWorkflowRequest = z.input<typeof saveWorkflowSchema>;

export interface WorkflowSaved {
  workflow: { id: string; name: string; version: number; version_id: string };
}

export const workflowParamsSchema = z.object({ id: z.uuid() });

export const runWorkflowSchema = z.strictObject({
  inputs: z.record(z.string(), z.unknown()).default({}),
  budget_credits: z.int().min(1).max(maxRunBudgetByPlan.max).optional(),
});
export type RunWorkflowRequest = z.input<typeof runWorkflowSchema>;

export interface WorkflowRunCreated {
  run: { id: string; workflow_id: string; version: number; status: 'running'; budget_credits: number };
}

export const replayWorkflowRunSchema = z.strictObject({
  from_step: identifier('step key'),
  budget_credits: z.int().min(1).max(maxRunBudgetByPlan.max).optional(),
});
export type ReplayWorkflowRunRequest = z.infer<typeof replayWorkflowRunSchema>;

/** What a workflow step's run_steps.input holds (readable by the owner: their own prompt). */
export interface WorkflowStepInput {
  name: string;
  employee_id: string;
  employee_version_id: string;
  prompt: string;
  /** The run's input values this step's prompt mentions. */
  inputs: Record<string, string>;
  condition?: StepCondition;
  /** The workflow's last step: its output is the run's result. */
  final?: boolean;
  /** Write the output to `workflowOutputPath(...)` in the workflow-outputs bucket. */
  save_to_storage?: true;
  /** A replay: the output is the one of this step in that earlier run, no model call. */
  reuse?: { run_id: string; key: string };
}

/** The Storage bucket of saved step outputs, and a step's file in it (its owner's folder first). */
export const workflowOutputsBucket = 'workflow-outputs';
export const workflowOutputPath = (userId: string, runId: string, stepKey: string) =>
  `${userId}/${runId}/${stepKey}.md`;

/** What a workflow step's run_steps.output holds. */
export interface WorkflowStepOutput {
  text: string;
  /** Saved to Storage: the object's path in the workflow-outputs bucket. */
  file?: string;
  file_error?: string;
  skipped?: boolean;
  reason?: string;
  reused_from?: string;
}
