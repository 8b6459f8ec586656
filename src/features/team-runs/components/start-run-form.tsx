import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import {
  Button,
  ButtonLink,
  Card,
  EmptyState,
  ErrorState,
  Field,
  Input,
  Select,
  Skeleton,
  Textarea,
} from '@/components/ui';
import { paths } from '@/config/paths';
import { formatCredits } from '@/lib/credits-format';
import { defaultUserSettings, useUserSettings } from '@/lib/user-settings';
import { teamRunLimits } from '@/shared/runs-contract';
import { usePricedHires } from '@/lib/priced-hires';
import { useStartTeamRun } from '../api/start-team-run';
import { maxRunCost } from '../estimate';

export function StartRunForm() {
  const candidates = usePricedHires();
  // Settings › AI defaults: the budget a new run starts with.
  const defaultBudget =
    useUserSettings().data?.default_run_budget_credits ?? defaultUserSettings.default_run_budget_credits;
  const start = useStartTeamRun();
  const navigate = useNavigate();
  const [task, setTask] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [supervisorId, setSupervisorId] = useState('');
  const [budget, setBudget] = useState('');
  const [submitted, setSubmitted] = useState(false);

  if (candidates.isPending) {
    return (
      <Card title="Start a team run" className="team-form" aria-busy="true">
        <Skeleton height="6rem" />
        <Skeleton width="60%" />
      </Card>
    );
  }
  if (candidates.isError) {
    return (
      <ErrorState
        error={candidates.error}
        title="Your employees could not be loaded"
        onRetry={() => void candidates.refetch()}
        retrying={candidates.isFetching}
      />
    );
  }
  if (candidates.data.length === 0) {
    return (
      <EmptyState
        title="Hire employees to form a team"
        description="A team run needs at least one active hire: a supervisor plans, up to five employees contribute, and the supervisor combines their work."
        action={<ButtonLink to={paths.marketplace.getHref()}>Browse the marketplace</ButtonLink>}
      />
    );
  }

  const members = chosen.flatMap((id) => candidates.data.filter((c) => c.id === id));
  const supervisor = members.find((m) => m.id === supervisorId) ?? members[0];
  const budgetValue = budget === '' ? defaultBudget : Number(budget);
  const estimate = supervisor ? maxRunCost(supervisor, members) : 0;
  const errors = {
    task: task.trim() === '' ? 'Describe the task for the team.' : undefined,
    team: members.length === 0 ? 'Choose at least one employee.' : undefined,
    budget:
      !Number.isInteger(budgetValue) || budgetValue < 1
        ? 'A whole number of credits, at least 1.'
        : undefined,
  };
  const valid = !errors.task && !errors.team && !errors.budget;

  const toggle = (id: string) =>
    setChosen((current) => (current.includes(id) ? current.filter((c) => c !== id) : [...current, id]));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (!valid || !supervisor) return;
    start.mutate(
      {
        task: task.trim(),
        employee_ids: chosen,
        supervisor_id: supervisor.id,
        ...(budget === '' ? {} : { budget_credits: budgetValue }),
      },
      { onSuccess: ({ run }) => void navigate(paths.teamRun.getHref(run.id)) },
    );
  };

  return (
    <Card title="Start a team run" className="team-form">
      <form onSubmit={onSubmit} noValidate aria-label="Start a team run">
        <Field
          label="Task"
          required
          error={submitted ? errors.task : undefined}
          hint="What should the team deliver?"
        >
          <Textarea
            name="task"
            rows={4}
            maxLength={teamRunLimits.maxTaskChars}
            value={task}
            onChange={(event) => setTask(event.target.value)}
          />
        </Field>

        <fieldset className="team-form__members" aria-describedby="team-members-hint">
          <legend>Team (1 to {teamRunLimits.maxEmployees})</legend>
          <p id="team-members-hint" className="team-form__hint">
            Each chosen employee gets one sub-task from the supervisor.
          </p>
          {submitted && errors.team ? (
            <p className="team-form__error" role="alert">
              {errors.team}
            </p>
          ) : null}
          <ul>
            {candidates.data.map((candidate) => {
              const checked = chosen.includes(candidate.id);
              return (
                <li key={candidate.id}>
                  <label className="team-form__member">
                    <input
                      type="checkbox"
                      name="employee"
                      value={candidate.id}
                      checked={checked}
                      disabled={!checked && chosen.length >= teamRunLimits.maxEmployees}
                      onChange={() => toggle(candidate.id)}
                    />
                    <span>
                      <strong>{candidate.name}</strong>{' '}
                      <span className="team-form__role">{candidate.role}</span>
                      <span className="team-form__model">{candidate.model}</span>
                    </span>
                  </label>
                </li>
              );
            })}
          </ul>
        </fieldset>

        <div className="team-form__row">
          <Field label="Supervisor" hint="Plans the work and writes the final answer.">
            <Select
              name="supervisor"
              options={members.map((m) => ({ value: m.id, label: m.name }))}
              value={supervisor?.id ?? ''}
              onValueChange={(value) => setSupervisorId(value)}
              placeholder="Choose the team first"
              disabled={members.length === 0}
            />
          </Field>
          <Field
            label="Budget (credits)"
            error={submitted ? errors.budget : undefined}
            hint={`Held from your balance when the run starts; unused credits come back. Default ${formatCredits(defaultBudget)}.`}
          >
            <Input
              name="budget"
              type="number"
              inputMode="numeric"
              min={1}
              step={1}
              placeholder={String(defaultBudget)}
              value={budget}
              onChange={(event) => setBudget(event.target.value)}
            />
          </Field>
        </div>

        {members.length > 0 ? (
          <p className="team-form__estimate" aria-live="polite">
            A full run of this team costs at most about <strong>{formatCredits(estimate)} credits</strong>{' '}
            (plan, {members.length} contribution{members.length === 1 ? '' : 's'}, synthesis).{' '}
            {budgetValue >= estimate
              ? 'Your budget covers it.'
              : 'With this budget the run may stop before it finishes.'}
          </p>
        ) : null}

        <Button type="submit" loading={start.isPending}>
          Start the run
        </Button>
      </form>
    </Card>
  );
}
