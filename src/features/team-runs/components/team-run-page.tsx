import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { Badge, Button, EmptyState, ErrorState, Skeleton } from '@/components/ui';
import { paths } from '@/config/paths';
import { isApiClientError } from '@/lib/api-client';
import { formatCredits, formatCreditsExact } from '@/lib/credits-format';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useRunEvents } from '@/lib/use-run-events';
import { sharedQueryKeys } from '@/lib/query-keys';
import { useCancelTeamRun } from '../api/cancel-team-run';
import { useTeamRun } from '../api/get-team-run';
import { runStatusLabels, runStatusTones } from '@/lib/run-status-format';
import { endedExplanations } from '../format';
import { teamRunKeys } from '../keys';
import { buildRunView } from '../run-view';
import '../team-runs.css';
import { RunResult } from './run-result';
import { StepLane } from './step-lane';

export function TeamRunPage() {
  const { runId = '' } = useParams();
  const detail = useTeamRun(runId);
  const live = useRunEvents(runId);
  const cancel = useCancelTeamRun();
  const queryClient = useQueryClient();
  useDocumentTitle(detail.data ? detail.data.run.title : 'Team run');

  // New steps appear when the plan finishes; totals settle when a step ends: re-read then.
  const milestones = live.events.filter((e) => e.type !== 'step_delta' && e.type !== 'step_started').length;
  useEffect(() => {
    if (milestones === 0) return;
    void queryClient.invalidateQueries({ queryKey: teamRunKeys.detail(runId) });
  }, [milestones, runId, queryClient]);
  useEffect(() => {
    if (!live.closed) return;
    void queryClient.invalidateQueries({ queryKey: teamRunKeys.list() });
    void queryClient.invalidateQueries({ queryKey: sharedQueryKeys.creditBalance });
  }, [live.closed, queryClient]);

  if (detail.isPending) {
    return (
      <div className="page container team-run" aria-busy="true" aria-label="Loading the team run">
        <Skeleton width="20rem" height="2rem" />
        <Skeleton height="8rem" />
      </div>
    );
  }
  if (detail.isError) {
    const missing = isApiClientError(detail.error) && detail.error.status === 404;
    return (
      <div className="page container team-run">
        {missing ? (
          <EmptyState
            title="This team run does not exist"
            description="It may belong to another account."
            action={<Link to={paths.teamRuns.getHref()}>All team runs</Link>}
          />
        ) : (
          <ErrorState
            error={detail.error}
            title="The team run could not be loaded"
            onRetry={() => void detail.refetch()}
            retrying={detail.isFetching}
          />
        )}
      </div>
    );
  }

  const view = buildRunView(detail.data.run, detail.data.steps, live.events);
  const plan = view.lanes.filter((lane) => lane.kind === 'plan');
  const work = view.lanes.filter((lane) => lane.kind === 'contribution');
  const synthesis = view.lanes.filter((lane) => lane.kind === 'synthesis');
  const running = view.status === 'running';
  const explanation = endedExplanations[view.status];

  return (
    <div className="page container team-run">
      <p className="team-run__back">
        <Link to={paths.teamRuns.getHref()}>← All team runs</Link>
      </p>
      <header className="page-header team-run__header">
        <div>
          <h1>{detail.data.run.title}</h1>
          <p className="page-header__lead team-run__task">{detail.data.task}</p>
        </div>
        <div className="team-run__actions">
          <Badge tone={runStatusTones[view.status]}>
            <span role="status">{runStatusLabels[view.status]}</span>
          </Badge>
          {running ? (
            <Button
              variant="danger"
              loading={cancel.isPending}
              onClick={() => cancel.mutate(runId)}
              aria-label="Cancel this run"
            >
              Cancel
            </Button>
          ) : null}
        </div>
      </header>

      <section className="team-run__budget" aria-label="Cost">
        <label htmlFor="run-budget-meter">
          <strong data-testid="run-total">{formatCreditsExact(view.spent)}</strong> of{' '}
          {formatCredits(view.budget)} credits spent
          {!view.closed && !running ? ' (settling…)' : ''}
        </label>
        <meter id="run-budget-meter" min={0} max={view.budget} value={view.spent} />
      </section>

      {explanation ? (
        <div className={`team-run__ended team-run__ended--${view.status}`} role="alert">
          <p>{explanation}</p>
          {view.error ? <p className="team-run__error">{view.error}</p> : null}
        </div>
      ) : null}
      {live.error ? (
        <p className="team-run__stale" role="status">
          Live updates paused: reconnecting…
        </p>
      ) : null}

      {view.result ? <RunResult text={view.result} title={detail.data?.run.title ?? 'team-run'} /> : null}

      <section aria-labelledby="team-run-plan-title">
        <h2 id="team-run-plan-title">Plan</h2>
        <div className="lanes lanes--single">
          {plan.map((lane) => (
            <StepLane key={lane.key} lane={lane} />
          ))}
        </div>
      </section>
      <section aria-labelledby="team-run-work-title">
        <h2 id="team-run-work-title">Contributions</h2>
        {work.length === 0 ? (
          <p className="team-run__hint">The employees start once the plan is ready.</p>
        ) : (
          <div className="lanes">
            {work.map((lane) => (
              <StepLane key={lane.key} lane={lane} />
            ))}
          </div>
        )}
      </section>
      {synthesis.length > 0 ? (
        <section aria-labelledby="team-run-synthesis-title">
          <h2 id="team-run-synthesis-title">Synthesis</h2>
          <div className="lanes lanes--single">
            {synthesis.map((lane) => (
              <StepLane key={lane.key} lane={lane} />
            ))}
          </div>
        </section>
      ) : null}
    </div>
  );
}
