import { Button, Field, Input, Select } from '@/components/ui';
import { workflowInputTypes, type WorkflowInputType, type WorkflowInput } from '@/shared/workflows-contract';
import type { DraftEvent } from '../builder-state';

const typeLabels: Record<WorkflowInputType, string> = { text: 'Text', number: 'Number', url: 'Web address' };

/** The values a run asks for, usable in every prompt as {{input.<name>}}. */
export function InputsEditor({
  inputs,
  problem,
  dispatch,
}: {
  inputs: readonly WorkflowInput[];
  problem: (path: string) => string | undefined;
  dispatch: (event: DraftEvent) => void;
}) {
  return (
    <section className="wf-section" aria-labelledby="wf-inputs-title">
      <h2 id="wf-inputs-title">Inputs</h2>
      <p className="wf-hint">What each run is given, e.g. a topic or a link. Prompts can use them.</p>
      {inputs.length === 0 ? <p className="wf-hint">No inputs yet.</p> : null}
      <ul className="wf-inputs">
        {inputs.map((input, index) => {
          const update = (patch: Partial<WorkflowInput>) => dispatch({ type: 'update-input', index, patch });
          return (
            <li key={index} className="wf-step__row">
              <Field label="Name" error={problem(`definition.inputs.${index}.name`)}>
                <Input value={input.name} onChange={(e) => update({ name: e.target.value })} />
              </Field>
              <Field label="Type">
                <Select
                  options={workflowInputTypes.map((t) => ({ value: t, label: typeLabels[t] }))}
                  value={input.type}
                  onValueChange={(value) => update({ type: value || 'text' })}
                />
              </Field>
              <Field label="Default" error={problem(`definition.inputs.${index}.default`)}>
                <Input value={input.default ?? ''} onChange={(e) => update({ default: e.target.value })} />
              </Field>
              <label className="wf-check">
                <input
                  type="checkbox"
                  checked={input.required}
                  onChange={(e) => update({ required: e.target.checked })}
                />{' '}
                Required
              </label>
              <Button
                variant="ghost"
                size="sm"
                onClick={() => dispatch({ type: 'remove-input', index })}
                aria-label={`Remove input ${input.name}`}
              >
                Remove
              </Button>
            </li>
          );
        })}
      </ul>
      <Button variant="secondary" size="sm" onClick={() => dispatch({ type: 'add-input' })}>
        Add input
      </Button>
    </section>
  );
}
