import { useState } from 'react';
import { Badge, Button, Field, Input, Select } from '@/components/ui';
import { cronProblem, nextRuns } from '@/shared/schedules';
import type { WorkflowDefinition } from '@/shared/workflows-contract';
import { useScheduleMutations, useSchedules, type ScheduleRow } from '../api/schedules';

const zones = (() => {
  const supported = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.(
    'timeZone',
  );
  return supported && supported.length > 0 ? supported : ['UTC'];
})();
const localZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
// dateStyle cannot be combined with timeZoneName, so the zone is written after the time.
const when = (zone: string) => {
  const format = new Intl.DateTimeFormat(undefined, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: zone,
  });
  return { format: (date: Date) => `${format.format(date)} (${zone})` };
};

interface Form {
  name: string;
  cron: string;
  timezone: string;
  budget: string;
  input: Record<string, string>;
}

const blank: Form = { name: 'Weekly run', cron: '0 9 * * 1', timezone: localZone, budget: '', input: {} };

/** Schedules of a workflow: cron and time zone, the next five runs before saving, enable / disable. */
export function ScheduleEditor({
  workflowId,
  definition,
}: {
  workflowId: string;
  definition: WorkflowDefinition;
}) {
  const schedules = useSchedules(workflowId);
  const { save, remove } = useScheduleMutations(workflowId);
  const [editing, setEditing] = useState<{ id?: string; form: Form } | undefined>(undefined);
  const form = editing?.form;
  const problem = form ? cronProblem(form.cron, form.timezone) : undefined;
  const preview = form && !problem ? nextRuns(form.cron, form.timezone, 5) : [];
  const set = (patch: Partial<Form>) =>
    editing && setEditing({ ...editing, form: { ...editing.form, ...patch } });
  const edit = (row: ScheduleRow) =>
    setEditing({
      id: row.id,
      form: {
        name: row.name,
        cron: row.cron,
        timezone: row.timezone,
        budget: row.budget_credits ? String(row.budget_credits) : '',
        input: row.input,
      },
    });
  const submit = () => {
    if (!editing || problem) return;
    save.mutate(
      {
        id: editing.id,
        input: {
          name: editing.form.name,
          cron: editing.form.cron,
          timezone: editing.form.timezone,
          input: editing.form.input,
          budget_credits: editing.form.budget ? Number(editing.form.budget) : null,
        },
      },
      { onSuccess: () => setEditing(undefined) },
    );
  };

  return (
    <section className="wf-section" aria-labelledby="wf-schedules-title">
      <div className="wf-section__header">
        <h2 id="wf-schedules-title">Schedules</h2>
        {!editing ? (
          <Button variant="secondary" size="sm" onClick={() => setEditing({ form: blank })}>
            Add schedule
          </Button>
        ) : null}
      </div>
      {schedules.data?.length === 0 && !editing ? <p className="wf-hint">Not scheduled.</p> : null}
      <ul className="wf-runs">
        {schedules.data?.map((row) => (
          <li key={row.id}>
            <strong>{row.name}</strong>
            <code>{row.cron}</code>
            <span className="wf-hint">{row.timezone}</span>
            <Badge tone={row.is_active ? 'success' : 'warning'}>{row.is_active ? 'On' : 'Paused'}</Badge>
            {row.is_active && row.next_run_at ? (
              <span className="wf-hint">next {when(row.timezone).format(new Date(row.next_run_at))}</span>
            ) : null}
            {row.paused_reason ? <span className="field__error">{row.paused_reason}</span> : null}
            <Button
              variant="ghost"
              size="sm"
              onClick={() =>
                save.mutate({
                  id: row.id,
                  input: {
                    name: row.name,
                    cron: row.cron,
                    timezone: row.timezone,
                    input: row.input,
                    budget_credits: row.budget_credits,
                    is_active: !row.is_active,
                  },
                })
              }
            >
              {row.is_active ? 'Disable' : 'Enable'}
            </Button>
            <Button variant="ghost" size="sm" onClick={() => edit(row)}>
              Edit
            </Button>
            <Button
              variant="ghost"
              size="sm"
              onClick={() => remove.mutate(row.id)}
              aria-label={`Delete ${row.name}`}
            >
              Delete
            </Button>
          </li>
        ))}
      </ul>
      {form ? (
        <form
          aria-label="Schedule"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <Field label="Schedule name">
            <Input value={form.name} onChange={(e) => set({ name: e.target.value })} />
          </Field>
          <Field
            label="Cron expression"
            hint="minute hour day-of-month month day-of-week — e.g. 0 9 * * 1 is Mondays at 9:00."
            error={problem}
          >
            <Input value={form.cron} onChange={(e) => set({ cron: e.target.value })} />
          </Field>
          <Field label="Time zone">
            <Select
              options={zones.map((z) => ({ value: z, label: z }))}
              value={form.timezone}
              onValueChange={(value) => set({ timezone: value || 'UTC' })}
            />
          </Field>
          {definition.inputs.map((input) => (
            <Field key={input.name} label={`Input: ${input.label || input.name}`}>
              <Input
                placeholder={input.default}
                value={form.input[input.name] ?? ''}
                onChange={(e) => set({ input: { ...form.input, [input.name]: e.target.value } })}
              />
            </Field>
          ))}
          <Field label="Budget per run (credits)" hint="Empty: your default budget.">
            <Input
              type="number"
              min={1}
              value={form.budget}
              onChange={(e) => set({ budget: e.target.value })}
            />
          </Field>
          {preview.length > 0 ? (
            <div aria-label="Next five runs">
              <p className="wf-hint">Next five runs:</p>
              <ol className="wf-order">
                {preview.map((d) => (
                  <li key={d.toISOString()}>{when(form.timezone).format(d)}</li>
                ))}
              </ol>
            </div>
          ) : null}
          {save.error ? (
            <p className="field__error" role="alert">
              {save.error.message}
            </p>
          ) : null}
          <div className="wf-builder__actions">
            <Button variant="ghost" onClick={() => setEditing(undefined)}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending} disabled={Boolean(problem)}>
              Save schedule
            </Button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
