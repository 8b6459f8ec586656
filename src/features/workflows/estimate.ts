/**
 * What a run can cost at most, for the budget field: every step at its output cap plus a generous
 * prompt (the earlier outputs it includes count at their caps), priced at its model (the step's
 * override, else its employee's).
 * An estimate; the server holds the budget and meters exactly.
 */
import { dependenciesOf, type WorkflowDefinition } from '@/shared/workflows-contract';
import type { PricedModel } from '@/lib/priced-models';
import type { HireOption } from './schemas';

const promptTokens = 1_500;

export function maxRunCost(
  definition: WorkflowDefinition,
  hires: readonly HireOption[],
  models: readonly PricedModel[] = [],
): number {
  const caps = new Map(definition.steps.map((s) => [s.key, s.max_output_tokens]));
  return definition.steps.reduce((sum, step) => {
    const override = step.model
      ? models.find((m) => m.provider === step.model!.provider && m.model === step.model!.model)
      : undefined;
    const hire = override ?? hires.find((h) => h.id === step.employee_id);
    const input = promptTokens + dependenciesOf(step).reduce((n, key) => n + 2 * (caps.get(key) ?? 0), 0);
    const cost =
      ((hire?.inputRate ?? 0) * input + (hire?.outputRate ?? 0) * step.max_output_tokens) / 1_000_000;
    return sum + Math.ceil(cost);
  }, 0);
}
