import { Link } from 'react-router';
import { Stat, StatGroup } from '@/components/ui';
import { paths } from '@/config/paths';
import { formatCredits } from '@/lib/credits-format';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useRevenue, useUsage, useWebhookHealth } from '../api/admin-api';
import { formatCents, formatCostCredits } from '../format';
import { QueryView } from './query-view';

const today = () => new Date().toISOString().slice(0, 10);

/** The first screen: the numbers that say whether the business and the pipes are healthy. */
export function OverviewPage() {
  useDocumentTitle('Admin');
  const revenue = useRevenue();
  const day = today();
  const usage = useUsage(day, day);
  const webhooks = useWebhookHealth();
  return (
    <>
      <header className="page-header">
        <h1>Admin console</h1>
      </header>
      <section className="admin-section" aria-labelledby="overview-revenue">
        <h2 id="overview-revenue">
          <Link to={paths.adminRevenue.getHref()}>Revenue</Link>
        </h2>
        <QueryView query={revenue} what="Revenue">
          {(report) => (
            <StatGroup>
              <Stat label="MRR" value={formatCents(report.mrrCents)} />
              <Stat label="ARR" value={formatCents(report.arrCents)} />
              <Stat label="Past due" value={report.pastDueSubscriptions} />
              <Stat label="Packs this month" value={formatCents(report.packRevenueCents)} />
            </StatGroup>
          )}
        </QueryView>
      </section>
      <section className="admin-section" aria-labelledby="overview-usage">
        <h2 id="overview-usage">
          <Link to={paths.adminUsage.getHref()}>Usage today</Link>
        </h2>
        <QueryView query={usage} what="Usage">
          {(report) => (
            <StatGroup>
              <Stat label="Model calls" value={report.totals.requests} />
              <Stat label="Credits charged" value={formatCredits(report.totals.credits)} />
              <Stat label="Provider cost" value={formatCostCredits(report.totals.costCredits)} />
            </StatGroup>
          )}
        </QueryView>
      </section>
      <section className="admin-section" aria-labelledby="overview-webhooks">
        <h2 id="overview-webhooks">
          <Link to={paths.adminWebhooks.getHref()}>Webhooks</Link>
        </h2>
        <QueryView query={webhooks} what="Webhook health">
          {(health) => (
            <StatGroup>
              <Stat label="Dead letters" value={health.deadLetters.length} />
              <Stat label="Failures (30 days)" value={health.recentFailures.length} />
              <Stat
                label="Processing p95"
                value={health.processing.p95Ms === null ? '—' : `${health.processing.p95Ms} ms`}
              />
            </StatGroup>
          )}
        </QueryView>
      </section>
    </>
  );
}
