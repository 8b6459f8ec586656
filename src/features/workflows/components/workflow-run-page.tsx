import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { Badge, Button, EmptyState, ErrorState, Skeleton } from '@/components/ui';
import { Markdown } from '@/components/ui/markdown/markdown';
import { paths } from '@/config/paths';
import { isApiClientError } from '@/lib/api-client';
import { formatCredits, formatCreditsExact } from '@/lib/credits-format';
import { sharedQueryKeys } from '@/lib/query-keys';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useRunEvents } from '@/lib/use-run-events';
import { useWorkflowRun } from '../api/get-workflow-runs';
import { useCancelWorkflowRun, useReplayWorkflowRun } from '../api/run-workflow';
import { runStatusLabels, runStatusTones } from '@/lib/run-status-format';
import { endedExplanations, triggerLabels } from '../format';
import { workflowKeys } from '../keys';
import { buildWorkflowRunView } from '../run-view';
import '../workflows.css';
import { StepCard } from './step-card';

export function WorkflowRunPage() {
  const { workflowId = '', runId = '' } = useParams();
  const detail = useWorkflowRun(runId);
  const live = useRunEvents(runId);
  const cancel = useCancelWorkflowRun();
  const replay = useReplayWorkflowRun();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  useDocumentTitle(detail.data ? `${detail.data.run.title} — run` : 'Workflow run');

  // Totals settle when a step ends: re-read then; the balance once the hold is released.
  const milestones = live.events.filter((e) => e.type !== 'step_delta' && e.type !== 'step_started').length;
  useEffect(() => {
    if (milestones > 0) void queryClient.invalidateQueries({ queryKey: workflowKeys.run(runId) });
  }, [milestones, runId, queryClient]);
  useEffect(() => {
    if (!live.closed) return;
    void queryClient.invalidateQueries({ queryKey: workflowKeys.allRuns(workflowId) });
    void queryClient.invalidateQueries({ queryKey: sharedQueryKeys.creditBalance });
  }, [live.closed, workflowId, queryClient]);

  if (detail.isPending) {
    return (
      <div className="page container wf-page" aria-busy="true" aria-label="Loading the run">
        <Skeleton width="20rem" height="2rem" />
        <Skeleton height="8rem" />
      </div>
    );
  }
  if (detail.isError) {
    const missing = isApiClientError(detail.error) && detail.error.status === 404;
    return (
      <div className="page container wf-page">
        {missing ? (
          <EmptyState
            title="This run does not exist"
            description="It may belong to another account."
            action={<Link to={paths.workflow.getHref(workflowId)}>Back to the workflow</Link>}
          />
        ) : (
          <ErrorState
            error={detail.error}
            title="The run could not be loaded"
            onRetry={() => void detail.refetch()}
          />
        )}
      </div>
    );
  }

  const { run, workflowRun } = detail.data;
  const view = buildWorkflowRunView(run, detail.data.steps, live.events);
  const running = view.status === 'running';
  const explanation = endedExplanations[view.status];
  const startReplay = (key: string) =>
    replay.mutate(
      { runId, body: { from_step: key } },
      { onSuccess: ({ run: next }) => void navigate(paths.workflowRun.getHref(workflowId, next.id)) },
    );

  return (
    <div className="page container wf-page wf-run">
      <p className="wf-back">
        <Link to={paths.workflow.getHref(workflowId)}>← {run.title}</Link>
      </p>
      <header className="page-header wf-page__header">
        <div>
          <h1>{run.title}</h1>
          <p className="wf-hint">
            {triggerLabels[workflowRun.trigger]}
            {workflowRun.replay_from ? ` from “${workflowRun.replay_from}”` : ''} · version{' '}
            {workflowRun.version}
          </p>
        </div>
        <Badge tone={runStatusTones[view.status]}>
          <span role="status">{runStatusLabels[view.status]}</span>
        </Badge>
        {running ? (
          <Button variant="danger" loading={cancel.isPending} onClick={() => cancel.mutate(runId)}>
            Cancel
          </Button>
        ) : null}
      </header>
      <section className="wf-section" aria-label="Cost">
        <label htmlFor="wf-run-meter">
          <strong data-testid="run-total">{formatCreditsExact(view.spent)}</strong> of{' '}
          {formatCredits(view.budget)} credits spent{!view.closed && !running ? ' (settling…)' : ''}
        </label>
        <meter id="wf-run-meter" min={0} max={view.budget} value={view.spent} />
      </section>
      {Object.keys(workflowRun.inputs).length > 0 ? (
        <dl className="wf-run__inputs">
          {Object.entries(workflowRun.inputs).map(([name, value]) => (
            <div key={name}>
              <dt>{name}</dt>
              <dd>{value || '—'}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {explanation ? (
        <div className="wf-run__ended" role="alert">
          <p>{explanation}</p>
          {view.error ? <p className="field__error">{view.error}</p> : null}
        </div>
      ) : null}
      {replay.error ? (
        <p className="field__error" role="alert">
          {replay.error.message}
        </p>
      ) : null}
      {live.error ? <p className="wf-hint">Live updates paused: reconnecting…</p> : null}
      {view.result ? (
        <section className="wf-section" aria-labelledby="wf-result-title">
          <h2 id="wf-result-title">Result</h2>
          <Markdown>{view.result}</Markdown>
        </section>
      ) : null}
      <section aria-labelledby="wf-timeline-title">
        <h2 id="wf-timeline-title">Steps</h2>
        <ol className="wf-timeline">
          {view.steps.map((step) => (
            <StepCard
              key={step.key}
              step={step}
              runTitle={run.title}
              canReplay={!running && view.closed}
              replaying={replay.isPending && replay.variables.body.from_step === step.key}
              onReplay={startReplay}
            />
          ))}
        </ol>
      </section>
    </div>
  );
}
