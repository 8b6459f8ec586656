import { useMemo, useReducer, useState } from 'react';
import { useNavigate } from 'react-router';
import { Button, Field, Input, Textarea, useToast } from '@/components/ui';
import { paths } from '@/config/paths';
import { isApiClientError } from '@/lib/api-client';
import { usePricedModels } from '@/lib/priced-models';
import { workflowLimits } from '@/shared/workflows-contract';
import { useSaveWorkflow } from '../api/save-workflow';
import { draftProblems, draftReducer, toRequest, type Draft } from '../builder-state';
import type { HireOption } from '../schemas';
import { DependencyOrder } from './dependency-order';
import { InputsEditor } from './inputs-editor';
import { StepEditor } from './step-editor';

const serverProblems = (error: unknown) =>
  new Map(
    isApiClientError(error) && Array.isArray(error.details)
      ? (error.details as Array<{ path?: unknown; message?: unknown }>).flatMap((d) =>
          typeof d.path === 'string' && typeof d.message === 'string' ? [[d.path, d.message] as const] : [],
        )
      : [],
  );

/** The editor of a workflow: name, inputs, steps; saving makes a new version. */
export function WorkflowBuilder({
  workflowId,
  initial,
  hires,
  onDirtyChange,
}: {
  workflowId: string | undefined;
  initial: Draft;
  hires: readonly HireOption[];
  onDirtyChange?: (dirty: boolean) => void;
}) {
  const [draft, dispatchDraft] = useReducer(draftReducer, initial);
  const [attempted, setAttempted] = useState(false);
  const save = useSaveWorkflow();
  const models = usePricedModels();
  const toast = useToast();
  const navigate = useNavigate();
  const local = useMemo(() => draftProblems(draft), [draft]);
  const remote = serverProblems(save.error);
  const dispatch: typeof dispatchDraft = (event) => {
    dispatchDraft(event);
    onDirtyChange?.(true);
  };
  // Variables and graph problems show while typing; missing fields once a save was tried.
  const problem = (path: string) => {
    const message = local.get(path) ?? remote.get(path);
    if (!message) return undefined;
    return attempted || path.endsWith('.prompt') || remote.has(path) ? message : undefined;
  };

  const submit = () => {
    setAttempted(true);
    if (local.size > 0) return;
    save.mutate(
      { id: workflowId, body: toRequest(draft) },
      {
        onSuccess: ({ workflow }) => {
          onDirtyChange?.(false);
          toast.success(`Saved as version ${workflow.version}`);
          if (!workflowId) void navigate(paths.workflow.getHref(workflow.id), { replace: true });
        },
      },
    );
  };
  const general = attempted && local.size > 0 ? 'Fix the highlighted fields, then save.' : undefined;

  return (
    <form
      className="wf-builder"
      aria-label="Workflow builder"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <section className="wf-section">
        <Field label="Workflow name" required error={problem('name')}>
          <Input
            value={draft.name}
            onChange={(e) => dispatch({ type: 'set', field: 'name', value: e.target.value })}
          />
        </Field>
        <Field label="Description">
          <Textarea
            rows={2}
            value={draft.description}
            onChange={(e) => dispatch({ type: 'set', field: 'description', value: e.target.value })}
          />
        </Field>
      </section>
      <InputsEditor inputs={draft.inputs} problem={problem} dispatch={dispatch} />
      <section className="wf-section" aria-labelledby="wf-steps-title">
        <h2 id="wf-steps-title">Steps</h2>
        {problem('definition.steps') ? <p className="field__error">{problem('definition.steps')}</p> : null}
        {hires.length === 0 ? (
          <p className="wf-hint">
            Hire an employee in the marketplace first: every step is done by one of them.
          </p>
        ) : null}
        <ol className="wf-steps">
          {draft.steps.map((step, index) => (
            <StepEditor
              key={index}
              step={step}
              index={index}
              count={draft.steps.length}
              inputs={draft.inputs}
              earlier={draft.steps.filter((_, n) => n !== index)}
              hires={hires}
              models={models.data ?? []}
              problem={(field) => problem(`definition.steps.${index}.${field}`)}
              dispatch={dispatch}
            />
          ))}
        </ol>
        <Button
          variant="secondary"
          disabled={hires.length === 0 || draft.steps.length >= workflowLimits.maxSteps}
          onClick={() => dispatch({ type: 'add-step', employeeId: hires[0]?.id ?? '' })}
        >
          Add step
        </Button>
      </section>
      <DependencyOrder steps={draft.steps} />
      <div className="wf-builder__actions">
        {general ? (
          <p className="field__error" role="alert">
            {general}
          </p>
        ) : null}
        {save.error && remote.size === 0 ? (
          <p className="field__error" role="alert">
            {save.error.message}
          </p>
        ) : null}
        <Button type="submit" loading={save.isPending}>
          {workflowId ? 'Save new version' : 'Create workflow'}
        </Button>
      </div>
    </form>
  );
}
