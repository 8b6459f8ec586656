import { useMemo, useState, type FormEvent } from 'react';
import { Button, Card, Field, Input, Select, useToast } from '@/components/ui';
import { usePricedModels } from '@/lib/priced-models';
import { useUpdateUserSettings, useUserSettings, type UserSettings } from '@/lib/user-settings';
import { capabilitiesOf } from '@/shared/model-capabilities';

/** The select's value for "no default model": each employee answers on its own (null in the row). */
const EMPLOYEES_OWN = '';

type Defaults = Pick<UserSettings, 'default_provider' | 'default_model' | 'temperature' | 'streaming'> & {
  budget: string;
};

export function AiDefaultsSection() {
  const settings = useUserSettings();
  if (!settings.data) return <Card as="section" title="AI defaults" titleAs="h2" description="Loading…" />;
  return <AiDefaultsForm initial={settings.data} />;
}

function AiDefaultsForm({ initial }: { initial: UserSettings }) {
  const models = usePricedModels();
  const update = useUpdateUserSettings();
  const toast = useToast();
  const [form, setForm] = useState<Defaults>({
    default_provider: initial.default_provider,
    default_model: initial.default_model,
    temperature: initial.temperature,
    streaming: initial.streaming,
    budget: String(initial.default_run_budget_credits),
  });

  const options = useMemo(
    () => [
      { value: EMPLOYEES_OWN, label: "Each employee's own model" },
      ...(models.data ?? []).map((model) => ({
        value: `${model.provider}/${model.model}`,
        label: `${model.display_name || model.model} (${model.provider})`,
      })),
    ],
    [models.data],
  );

  // A default model that takes only its own temperature: say so where the setting is (ADR 0087).
  const capabilities =
    form.default_provider && form.default_model
      ? capabilitiesOf(form.default_provider, form.default_model)
      : undefined;
  const temperatureHint =
    capabilities?.fixedTemperature === undefined
      ? 'Lower is more focused, higher more varied.'
      : `${capabilities.reason ?? 'This model takes only its default'}: chats on it leave this setting out.`;

  const budget = Number(form.budget);
  const budgetError =
    !Number.isInteger(budget) || budget < 1 || budget > 1_000_000_000
      ? 'A whole number of credits between 1 and 1,000,000,000.'
      : undefined;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (budgetError) return;
    update.mutate(
      {
        default_provider: form.default_provider,
        default_model: form.default_model,
        temperature: form.temperature,
        streaming: form.streaming,
        default_run_budget_credits: budget,
      },
      {
        onSuccess: () => toast.success('Your AI defaults are saved.'),
        onError: (error) => toast.error(error, 'Saving failed'),
      },
    );
  };

  return (
    <Card
      as="section"
      title="AI defaults"
      titleAs="h2"
      description="What new chats, team runs and workflows start with. You can change them each time."
    >
      <form className="settings-form" onSubmit={onSubmit} noValidate>
        <Field
          label="Default model"
          hint="The model new chats start on. Models with a current price; each call is billed at its rates."
        >
          <Select
            name="default_model"
            options={options}
            value={form.default_model ? `${form.default_provider}/${form.default_model}` : EMPLOYEES_OWN}
            onValueChange={(value) => {
              if (value === EMPLOYEES_OWN) {
                setForm({ ...form, default_provider: null, default_model: null });
                return;
              }
              const [provider, ...rest] = value.split('/');
              if (!provider || rest.length === 0) return;
              setForm({
                ...form,
                default_provider: provider as Defaults['default_provider'],
                default_model: rest.join('/'),
              });
            }}
          />
        </Field>
        <Field label={`Temperature: ${form.temperature.toFixed(1)}`} hint={temperatureHint}>
          <Input
            type="range"
            name="temperature"
            min={0}
            max={2}
            step={0.1}
            value={form.temperature}
            onChange={(event) => setForm({ ...form, temperature: Number(event.target.value) })}
          />
        </Field>
        <label className="settings-check">
          <input
            type="checkbox"
            name="streaming"
            checked={form.streaming}
            onChange={(event) => setForm({ ...form, streaming: event.target.checked })}
          />
          Stream answers as they are written
        </label>
        <Field
          label="Default team-run budget (credits)"
          error={budgetError}
          hint="1,000,000 credits = US$1.00."
        >
          <Input
            name="default_run_budget_credits"
            inputMode="numeric"
            value={form.budget}
            onChange={(event) => setForm({ ...form, budget: event.target.value.trim() })}
          />
        </Field>
        <div>
          <Button type="submit" loading={update.isPending}>
            Save AI defaults
          </Button>
        </div>
      </form>
    </Card>
  );
}
