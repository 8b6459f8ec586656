import { Link } from 'react-router';
import { Badge, EmptyState, ErrorState, Skeleton } from '@/components/ui';
import { paths } from '@/config/paths';
import { formatCredits } from '@/lib/credits-format';
import { useTeamRuns } from '../api/get-team-runs';
import { runStatusLabels, runStatusTones } from '@/lib/run-status-format';

const when = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' });

export function RunList() {
  const runs = useTeamRuns();
  return (
    <section className="team-runs__list" aria-labelledby="team-runs-list-title">
      <h2 id="team-runs-list-title">Your runs</h2>
      {runs.isPending ? (
        <ul className="run-list" aria-busy="true" aria-label="Loading your runs">
          {[0, 1, 2].map((i) => (
            <li key={i} className="run-list__item">
              <Skeleton width="14rem" />
              <Skeleton width="6rem" />
            </li>
          ))}
        </ul>
      ) : runs.isError ? (
        <ErrorState
          error={runs.error}
          title="Your runs could not be loaded"
          headingLevel="h3"
          onRetry={() => void runs.refetch()}
          retrying={runs.isFetching}
        />
      ) : runs.data.length === 0 ? (
        <EmptyState
          headingLevel="h3"
          title="No team runs yet"
          description="Start one above: it appears here with its status and cost."
        />
      ) : (
        <ul className="run-list">
          {runs.data.map((run) => (
            <li key={run.id} className="run-list__item">
              <Link to={paths.teamRun.getHref(run.id)} className="run-list__title">
                {run.title}
              </Link>
              <Badge tone={runStatusTones[run.status]}>{runStatusLabels[run.status]}</Badge>
              <span className="run-list__cost">
                {formatCredits(run.spent_credits)} of {formatCredits(run.budget_credits)} credits
              </span>
              <time className="run-list__when" dateTime={run.created_at}>
                {when.format(new Date(run.created_at))}
              </time>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
