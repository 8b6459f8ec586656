import { ButtonLink, Card, EmptyState, ErrorState, Skeleton } from '@/components/ui';
import { paths } from '@/config/paths';
import { useDashboardActivity } from '../api/get-activity';
import { formatDateTime, formatExact, ledgerKindLabels } from '../format';

export function ActivityCard({ userId }: { userId: string }) {
  const activity = useDashboardActivity(userId);
  return (
    <Card
      as="section"
      title="Recent activity"
      actions={
        <ButtonLink to={paths.billing.getHref()} variant="ghost" size="sm">
          Full ledger
        </ButtonLink>
      }
    >
      {activity.isPending ? (
        <div aria-busy="true" aria-label="Loading your recent activity">
          <Skeleton height="6rem" />
        </div>
      ) : activity.isError ? (
        <ErrorState
          error={activity.error}
          title="Recent activity could not be loaded"
          headingLevel="h3"
          onRetry={() => void activity.refetch()}
          retrying={activity.isFetching}
        />
      ) : activity.data.length === 0 ? (
        <EmptyState
          title="No credit movements yet"
          description="Allowance grants, purchases and usage appear here."
          headingLevel="h3"
        />
      ) : (
        <div className="dashboard-table-scroll">
          <table className="dashboard-table">
            <caption className="visually-hidden">Latest credit movements</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">What</th>
                <th scope="col" className="numeric">
                  Credits
                </th>
              </tr>
            </thead>
            <tbody>
              {activity.data.map((row) => (
                <tr key={row.id}>
                  <td>{formatDateTime(row.createdAt)}</td>
                  <td>
                    {ledgerKindLabels[row.kind] ?? row.kind}
                    <span className="dashboard-muted">
                      {' · '}
                      {row.bucket === 'allowance' ? 'allowance' : 'purchased credits'}
                    </span>
                  </td>
                  <td className={`numeric ${row.amount < 0 ? 'negative' : 'positive'}`}>
                    {row.amount > 0 ? '+' : ''}
                    {formatExact(row.amount)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
