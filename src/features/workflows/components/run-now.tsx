import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Button, Field, Input, Textarea } from '@/components/ui';
import { paths } from '@/config/paths';
import { isApiClientError } from '@/lib/api-client';
import { formatCredits } from '@/lib/credits-format';
import { usePricedModels } from '@/lib/priced-models';
import type { WorkflowDefinition } from '@/shared/workflows-contract';
import { useRunWorkflow } from '../api/run-workflow';
import { maxRunCost } from '../estimate';
import type { HireOption } from '../schemas';

/** "Run now": the saved version's inputs, a budget, and what a run can cost at most. */
export function RunNow({
  workflowId,
  version,
  definition,
  hires,
  dirty,
}: {
  workflowId: string;
  version: number;
  definition: WorkflowDefinition;
  hires: readonly HireOption[];
  dirty: boolean;
}) {
  const [values, setValues] = useState<Record<string, string>>({});
  const [budget, setBudget] = useState('');
  const run = useRunWorkflow();
  const navigate = useNavigate();
  const models = usePricedModels();
  const estimate = maxRunCost(definition, hires, models.data);
  const problems = new Map(
    isApiClientError(run.error) && Array.isArray(run.error.details)
      ? (run.error.details as Array<{ path: string; message: string }>).map((d) => [d.path, d.message])
      : [],
  );
  const start = () =>
    run.mutate(
      {
        id: workflowId,
        body: { inputs: values, ...(budget ? { budget_credits: Number(budget) } : {}) },
      },
      { onSuccess: ({ run: created }) => void navigate(paths.workflowRun.getHref(workflowId, created.id)) },
    );
  return (
    <section className="wf-section" aria-labelledby="wf-run-title">
      <h2 id="wf-run-title">Run now</h2>
      {dirty ? (
        <p className="wf-hint">You have unsaved changes: a run uses version {version}, the last one saved.</p>
      ) : null}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          start();
        }}
      >
        {definition.inputs.map((input) => (
          <Field
            key={input.name}
            label={input.label || input.name}
            required={input.required && input.default === undefined}
            error={problems.get(`inputs.${input.name}`)}
          >
            {input.type === 'text' ? (
              <Textarea
                rows={2}
                placeholder={input.default}
                value={values[input.name] ?? ''}
                onChange={(e) => setValues({ ...values, [input.name]: e.target.value })}
              />
            ) : (
              <Input
                type={input.type === 'number' ? 'number' : 'url'}
                placeholder={input.default}
                value={values[input.name] ?? ''}
                onChange={(e) => setValues({ ...values, [input.name]: e.target.value })}
              />
            )}
          </Field>
        ))}
        <Field
          label="Budget (credits)"
          hint={`A full run costs at most about ${formatCredits(estimate)} credits. Empty: your default budget.`}
          error={problems.get('budget_credits')}
        >
          <Input type="number" min={1} value={budget} onChange={(e) => setBudget(e.target.value)} />
        </Field>
        {run.error && problems.size === 0 ? (
          <p className="field__error" role="alert">
            {run.error.message}
          </p>
        ) : null}
        <Button type="submit" loading={run.isPending}>
          Run now
        </Button>
      </form>
    </section>
  );
}
