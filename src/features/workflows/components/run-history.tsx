import { useState } from 'react';
import { Link } from 'react-router';
import { Badge, EmptyState, ErrorState, Select, SkeletonText } from '@/components/ui';
import { paths } from '@/config/paths';
import { formatCreditsExact } from '@/lib/credits-format';
import { runStatuses, type RunStatus } from '@/shared/runs-contract';
import { useWorkflowRuns } from '../api/get-workflow-runs';
import { runStatusLabels, runStatusTones, triggerLabels } from '../format';

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** The workflow's runs, newest first, filtered by status. */
export function RunHistory({ workflowId }: { workflowId: string }) {
  const [status, setStatus] = useState<RunStatus | ''>('');
  const runs = useWorkflowRuns(workflowId, status);
  return (
    <section className="wf-section" aria-labelledby="wf-history-title">
      <div className="wf-section__header">
        <h2 id="wf-history-title">Run history</h2>
        <Select
          aria-label="Filter runs by status"
          options={runStatuses.map((s) => ({ value: s, label: runStatusLabels[s] }))}
          placeholder="All statuses"
          value={status}
          onValueChange={setStatus}
        />
      </div>
      {runs.isPending ? (
        <SkeletonText lines={3} />
      ) : runs.isError ? (
        <ErrorState
          error={runs.error}
          title="The runs could not be loaded"
          onRetry={() => void runs.refetch()}
        />
      ) : runs.data.length === 0 ? (
        <EmptyState title="No runs yet" description="Run it now, on a schedule or from a webhook." />
      ) : (
        <ul className="wf-runs">
          {runs.data.map((run) => (
            <li key={run.id}>
              <Link to={paths.workflowRun.getHref(workflowId, run.id)}>
                {when.format(new Date(run.created_at))}
              </Link>
              <Badge tone={runStatusTones[run.status]}>{runStatusLabels[run.status]}</Badge>
              <span className="wf-hint">
                {triggerLabels[run.trigger]}
                {run.replay_from ? ` from ${run.replay_from}` : ''} · v{run.version} ·{' '}
                {formatCreditsExact(run.credits_charged)} credits
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
