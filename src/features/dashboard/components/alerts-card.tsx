import { Link } from 'react-router';
import { Badge, Card, EmptyState, ErrorState, Skeleton } from '@/components/ui';
import { useDashboardAlerts, type AlertTone } from '../api/get-alerts';
import { formatDateTime } from '../format';

const toneLabel: Record<AlertTone, string> = { info: 'Notice', warning: 'Warning', danger: 'Action needed' };

export function AlertsCard({ userId }: { userId: string }) {
  const alerts = useDashboardAlerts(userId);
  return (
    <Card as="section" title="Alerts">
      {alerts.isPending ? (
        <div aria-busy="true" aria-label="Loading your alerts">
          <Skeleton height="6rem" />
        </div>
      ) : alerts.isError ? (
        <ErrorState
          error={alerts.error}
          title="Alerts could not be loaded"
          headingLevel="h3"
          onRetry={() => void alerts.refetch()}
          retrying={alerts.isFetching}
        />
      ) : alerts.data.length === 0 ? (
        <EmptyState
          title="Nothing needs your attention"
          description="You are told here when you pass 50, 80, 90 and 100% of your allowance."
          headingLevel="h3"
        />
      ) : (
        <ul className="dashboard-list">
          {alerts.data.map((alert) => (
            <li key={alert.id} className="dashboard-list__item">
              <div>
                <Badge tone={alert.tone}>{toneLabel[alert.tone]}</Badge>{' '}
                <strong>{alert.link ? <Link to={alert.link}>{alert.title}</Link> : alert.title}</strong>
                {alert.unread && <span className="visually-hidden"> (unread)</span>}
                {alert.body && <p className="dashboard-muted">{alert.body}</p>}
              </div>
              <time dateTime={alert.at} className="dashboard-muted">
                {formatDateTime(alert.at)}
              </time>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
