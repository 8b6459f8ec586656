/**
 * The checks of a workflow definition that need the database, run as the caller under RLS: every
 * step's employee is one of the caller's active hires, a model override is a priced model, and a
 * step's output cap fits the caller's plan. Each problem is a 400 detail pointing at the step and
 * field (`definition.steps.2.employee_id`); the shape itself was checked by the shared Zod schema.
 */
import type { Queryable } from '../db';
import { ApiError } from '../http/api-error';
import type { FieldError } from '../http/validation';
import { asPlanId } from '../../../src/shared/plans';
import { maxOutputTokensByPlan } from '../../../src/shared/llm-contract';
import type { WorkflowDefinition } from '../../../src/shared/workflows-contract';

export async function definitionProblems(
  client: Queryable,
  definition: WorkflowDefinition,
  prefix = 'definition.',
): Promise<FieldError[]> {
  const employeeIds = [...new Set(definition.steps.map((s) => s.employee_id))];
  const [{ rows: hires }, { rows: profile }, { rows: priced }] = await Promise.all([
    // RLS: only the caller's own hires are visible.
    client.query<{ employee_id: string; is_active: boolean }>(
      'select employee_id, is_active from public.purchased_employees where employee_id = any($1::uuid[])',
      [employeeIds],
    ),
    client.query<{ plan: string }>('select plan from public.profiles where id = (select auth.uid())'),
    client.query<{ provider: string; model: string }>(
      `select provider, model from public.model_pricing
       where effective_from <= now() and (effective_to is null or effective_to > now())`,
    ),
  ]);
  const cap = maxOutputTokensByPlan[asPlanId(profile[0]?.plan)];
  const problems: FieldError[] = [];
  definition.steps.forEach((step, i) => {
    const at = (field: string) => `${prefix}steps.${i}.${field}`;
    const hire = hires.find((h) => h.employee_id === step.employee_id);
    if (!hire) problems.push({ path: at('employee_id'), message: 'You have not hired this employee.' });
    else if (!hire.is_active)
      problems.push({
        path: at('employee_id'),
        message: 'This employee is deactivated; reactivate them first.',
      });
    if (
      step.model &&
      !priced.some((p) => p.provider === step.model!.provider && p.model === step.model!.model)
    )
      problems.push({
        path: at('model'),
        message: `${step.model.provider}/${step.model.model} is not an available model.`,
      });
    if (step.max_output_tokens > cap)
      problems.push({
        path: at('max_output_tokens'),
        message: `Your plan allows at most ${cap} output tokens per step.`,
      });
  });
  return problems;
}

export function throwIfProblems(problems: FieldError[], message = 'This workflow cannot be saved.'): void {
  if (problems.length > 0) throw new ApiError('VALIDATION_FAILED', message, { details: problems });
}
