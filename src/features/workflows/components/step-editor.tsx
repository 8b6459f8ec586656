import { useRef } from 'react';
import { Button, Field, Input, Select, Textarea } from '@/components/ui';
import type { PricedModel } from '@/lib/priced-models';
import {
  conditionOperatorLabels,
  conditionOperators,
  type ConditionOperator,
  type WorkflowInput,
} from '@/shared/workflows-contract';
import type { DraftEvent, DraftStep } from '../builder-state';
import type { HireOption } from '../schemas';

interface StepEditorProps {
  step: DraftStep;
  index: number;
  count: number;
  inputs: readonly WorkflowInput[];
  earlier: readonly DraftStep[];
  hires: readonly HireOption[];
  /** The models a step may use instead of its employee's (priced now). */
  models: readonly PricedModel[];
  problem: (field: string) => string | undefined;
  dispatch: (event: DraftEvent) => void;
}

/** One step of the builder: who does it, what they are asked (with variables), when it runs. */
export function StepEditor({
  step,
  index,
  count,
  inputs,
  earlier,
  hires,
  models,
  problem,
  dispatch,
}: StepEditorProps) {
  const prompt = useRef<HTMLTextAreaElement>(null);
  const update = (patch: Partial<DraftStep>) => dispatch({ type: 'update-step', index, patch });
  const variables = [
    ...inputs.map((i) => ({ text: `{{input.${i.name}}}`, label: i.label || i.name })),
    ...earlier.map((s) => ({ text: `{{steps.${s.key}.output}}`, label: `${s.name} (output)` })),
  ];
  // Inserts at the caret, so a variable lands where the user is writing.
  const insert = (text: string) => {
    const area = prompt.current;
    const at = area?.selectionStart ?? step.prompt.length;
    const end = area?.selectionEnd ?? at;
    update({ prompt: step.prompt.slice(0, at) + text + step.prompt.slice(end) });
    requestAnimationFrame(() => {
      area?.focus();
      area?.setSelectionRange(at + text.length, at + text.length);
    });
  };
  const hireOptions = hires.map((h) => ({ value: h.id, label: `${h.name} — ${h.role}` }));
  if (step.employee_id && !hires.some((h) => h.id === step.employee_id))
    hireOptions.unshift({ value: step.employee_id, label: 'An employee you no longer have' });
  const hire = hires.find((h) => h.id === step.employee_id);
  const modelValue = step.model ? `${step.model.provider}/${step.model.model}` : '';
  const modelOptions = models.map((m) => ({
    value: `${m.provider}/${m.model}`,
    label: `${m.display_name} (${m.provider})`,
  }));
  // A saved override that is no longer priced stays visible, so saving explains why it fails.
  if (step.model && !modelOptions.some((o) => o.value === modelValue))
    modelOptions.unshift({ value: modelValue, label: `${step.model.model} (no longer available)` });
  const chooseModel = (value: string) => {
    const chosen = models.find((m) => `${m.provider}/${m.model}` === value);
    update({ model: chosen ? { provider: chosen.provider, model: chosen.model } : undefined });
  };

  return (
    <li className="wf-step" aria-labelledby={`wf-step-${index}-title`}>
      <header className="wf-step__header">
        <h3 id={`wf-step-${index}-title`}>
          {index + 1}. {step.name || 'Untitled step'}
        </h3>
        <div className="wf-step__tools">
          <Button
            variant="ghost"
            size="sm"
            disabled={index === 0}
            onClick={() => dispatch({ type: 'move-step', index, by: -1 })}
            aria-label={`Move step ${index + 1} up`}
          >
            ↑
          </Button>
          <Button
            variant="ghost"
            size="sm"
            disabled={index === count - 1}
            onClick={() => dispatch({ type: 'move-step', index, by: 1 })}
            aria-label={`Move step ${index + 1} down`}
          >
            ↓
          </Button>
          <Button
            variant="ghost"
            size="sm"
            onClick={() => dispatch({ type: 'remove-step', index })}
            aria-label={`Remove step ${index + 1}`}
          >
            Remove
          </Button>
        </div>
      </header>
      <div className="wf-step__row">
        <Field label="Step name" error={problem('name')}>
          <Input value={step.name} onChange={(e) => update({ name: e.target.value })} />
        </Field>
        <Field label="Employee" error={problem('employee_id')}>
          <Select
            options={hireOptions}
            value={step.employee_id}
            placeholder="Pick an employee"
            onValueChange={(value) => update({ employee_id: value })}
          />
        </Field>
        <Field
          label="Model"
          error={problem('model')}
          hint="Another model for this step only, billed at its own price."
        >
          <Select
            options={modelOptions}
            value={modelValue}
            placeholder={hire ? `The employee's model (${hire.model})` : "The employee's model"}
            onValueChange={chooseModel}
          />
        </Field>
      </div>
      <Field
        label="Prompt"
        error={problem('prompt')}
        hint="Write what this employee should do. Insert the workflow's inputs or an earlier step's output below."
      >
        <Textarea
          ref={prompt}
          rows={5}
          value={step.prompt}
          onChange={(e) => update({ prompt: e.target.value })}
        />
      </Field>
      {variables.length > 0 ? (
        <div
          className="wf-step__variables"
          role="group"
          aria-label={`Insert a variable into step ${index + 1}`}
        >
          {variables.map((v) => (
            <button
              key={v.text}
              type="button"
              className="wf-chip"
              onClick={() => insert(v.text)}
              title={v.text}
            >
              + {v.label}
            </button>
          ))}
        </div>
      ) : null}
      <details className="wf-step__more" open={step.condition !== undefined || undefined}>
        <summary>Condition and limits</summary>
        <label className="wf-check">
          <input
            type="checkbox"
            checked={step.condition !== undefined}
            disabled={earlier.length === 0}
            onChange={(e) =>
              update({
                condition: e.target.checked
                  ? { step: earlier.at(-1)?.key ?? '', operator: 'contains', value: '' }
                  : undefined,
              })
            }
          />{' '}
          Only run this step if an earlier step&apos;s output…
        </label>
        {step.condition ? (
          <div className="wf-step__row">
            <Field label="Step" error={problem('condition.step')}>
              <Select
                options={earlier.map((s) => ({ value: s.key, label: s.name }))}
                value={step.condition.step}
                onValueChange={(value) => update({ condition: { ...step.condition!, step: value } })}
              />
            </Field>
            <Field label="Test">
              <Select
                options={conditionOperators.map((o) => ({ value: o, label: conditionOperatorLabels[o] }))}
                value={step.condition.operator}
                onValueChange={(value) =>
                  update({
                    condition: { ...step.condition!, operator: (value || 'contains') as ConditionOperator },
                  })
                }
              />
            </Field>
            <Field label="Text" error={problem('condition.value')}>
              <Input
                value={step.condition.value}
                onChange={(e) => update({ condition: { ...step.condition!, value: e.target.value } })}
              />
            </Field>
          </div>
        ) : null}
        <div className="wf-step__row">
          <Field
            label="Variable name"
            hint="How later steps refer to this step's output."
            error={problem('key')}
          >
            <Input value={step.key} onChange={(e) => update({ key: e.target.value })} />
          </Field>
          <Field label="Longest answer (tokens)" error={problem('max_output_tokens')}>
            <Input
              type="number"
              min={1}
              value={step.max_output_tokens}
              onChange={(e) => update({ max_output_tokens: Number(e.target.value) })}
            />
          </Field>
          <Field label="Attempts" hint="Tries on provider errors." error={problem('max_attempts')}>
            <Input
              type="number"
              min={1}
              max={5}
              value={step.max_attempts}
              onChange={(e) => update({ max_attempts: Number(e.target.value) })}
            />
          </Field>
        </div>
      </details>
    </li>
  );
}
