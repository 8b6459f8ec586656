import { ButtonLink, Card, EmptyState, ErrorState, Skeleton } from '@/components/ui';
import { paths } from '@/config/paths';
import { usageRowLimit, usageWindowDays, useDashboardUsage } from '../api/get-usage';
import { formatCredits, formatExact } from '../format';
import { UsageByModelTable } from './usage-by-model-table';
import { UsageChart } from './usage-chart';

export function UsageCard({ userId }: { userId: string }) {
  const usage = useDashboardUsage(userId);
  return (
    <Card
      as="section"
      title="Usage"
      description={
        usage.data && usage.data.totalCalls > 0
          ? `${formatCredits(usage.data.totalCredits)} credits over ${formatExact(usage.data.totalCalls)} model calls in the last ${usageWindowDays} days.`
          : `The last ${usageWindowDays} days.`
      }
    >
      {usage.isPending ? (
        <div aria-busy="true" aria-label="Loading your usage">
          <Skeleton height="12rem" />
        </div>
      ) : usage.isError ? (
        <ErrorState
          error={usage.error}
          title="Your usage could not be loaded"
          headingLevel="h3"
          onRetry={() => void usage.refetch()}
          retrying={usage.isFetching}
        />
      ) : usage.data.totalCalls === 0 ? (
        <EmptyState
          title="No usage yet — start a chat"
          description="Every answer your AI employees give is counted here, by day and by model."
          headingLevel="h3"
          action={<ButtonLink to={paths.chat.getHref()}>Start a chat</ButtonLink>}
        />
      ) : (
        <>
          {usage.data.truncated && (
            <p className="dashboard-note" role="note">
              Showing your latest {formatExact(usageRowLimit)} calls; earlier calls in this window are not
              counted here. The billing ledger has them all.
            </p>
          )}
          <UsageChart days={usage.data.days} models={usage.data.models} />
          <UsageByModelTable models={usage.data.models} />
        </>
      )}
    </Card>
  );
}
