import { useState } from 'react';
import { Link } from 'react-router';
import { Badge, Button, EmptyState, ErrorState, Input, Select, SkeletonText } from '@/components/ui';
import { paths } from '@/config/paths';
import { formatCreditsExact } from '@/lib/credits-format';
import { runStatuses } from '@/shared/runs-contract';
import { workflowTriggers } from '@/shared/workflows-contract';
import { noRunFilters, useWorkflowRuns, type RunFilters } from '../api/get-workflow-runs';
import { runStatusLabels, runStatusTones } from '@/lib/run-status-format';
import { triggerLabels } from '../format';

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** The workflow's runs, newest first, filtered (in the database) by status, trigger, version and day. */
export function RunHistory({ workflowId, latestVersion }: { workflowId: string; latestVersion: number }) {
  const [filters, setFilters] = useState<RunFilters>(noRunFilters);
  const set = (patch: Partial<RunFilters>) => setFilters((current) => ({ ...current, ...patch }));
  const runs = useWorkflowRuns(workflowId, filters);
  const filtered = Object.values(filters).some((value) => value !== '');
  const versions = Array.from({ length: latestVersion }, (_, i) => String(latestVersion - i));
  return (
    <section className="wf-section" aria-labelledby="wf-history-title">
      <div className="wf-section__header">
        <h2 id="wf-history-title">Run history</h2>
      </div>
      <div className="wf-filters" role="group" aria-label="Filter runs">
        <Select
          aria-label="Filter runs by status"
          options={runStatuses.map((s) => ({ value: s, label: runStatusLabels[s] }))}
          placeholder="All statuses"
          value={filters.status}
          onValueChange={(status) => set({ status })}
        />
        <Select
          aria-label="Filter runs by trigger"
          options={workflowTriggers.map((t) => ({ value: t, label: triggerLabels[t] }))}
          placeholder="All triggers"
          value={filters.trigger}
          onValueChange={(trigger) => set({ trigger })}
        />
        <Select
          aria-label="Filter runs by version"
          options={versions.map((v) => ({ value: v, label: `Version ${v}` }))}
          placeholder="All versions"
          value={filters.version === '' ? '' : String(filters.version)}
          onValueChange={(version) => set({ version: version === '' ? '' : Number(version) })}
        />
        <Input
          type="date"
          aria-label="Started on or after"
          value={filters.from}
          max={filters.to || undefined}
          onChange={(event) => set({ from: event.target.value })}
        />
        <Input
          type="date"
          aria-label="Started on or before"
          value={filters.to}
          min={filters.from || undefined}
          onChange={(event) => set({ to: event.target.value })}
        />
        {filtered ? (
          <Button variant="ghost" size="sm" onClick={() => setFilters(noRunFilters)}>
            Clear filters
          </Button>
        ) : null}
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
        filtered ? (
          <EmptyState title="No runs match these filters" description="Change or clear the filters." />
        ) : (
          <EmptyState title="No runs yet" description="Run it now, on a schedule or from a webhook." />
        )
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
              {run.status === 'failed' && run.error ? (
                <span className="wf-run-error">{run.error}</span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
