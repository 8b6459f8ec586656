import { Stat, StatGroup } from '@/components/ui';
import { useDocumentTitle } from '@/lib/use-document-title';
import type { RevenueReport } from '@/shared/admin-metrics';
import { useRevenue } from '../api/admin-api';
import { formatCents } from '../format';
import { QueryView } from './query-view';

/** MRR, ARR and this month's movements, each with how it is computed; the 12-month chart. */
export function RevenuePage() {
  useDocumentTitle('Revenue · Admin');
  const revenue = useRevenue();
  return (
    <>
      <header className="page-header">
        <h1>Revenue</h1>
      </header>
      <QueryView query={revenue} what="Revenue">
        {(report) => <RevenueFigures report={report} />}
      </QueryView>
    </>
  );
}

export function RevenueFigures({ report }: { report: RevenueReport }) {
  const d = report.definitions;
  const peak = Math.max(1, ...report.monthly.map((month) => month.netCents));
  return (
    <>
      <section className="admin-section" aria-labelledby="revenue-now">
        <h2 id="revenue-now">Recurring revenue and {report.month}</h2>
        <StatGroup>
          <Stat label="MRR" value={formatCents(report.mrrCents)} hint={d.mrr} />
          <Stat label="ARR" value={formatCents(report.arrCents)} hint="12 × MRR." />
          <Stat label="New subscriptions" value={report.newSubscriptions} hint={d.newSubscriptions} />
          <Stat
            label="Churned subscriptions"
            value={report.churnedSubscriptions}
            hint={d.churnedSubscriptions}
          />
          <Stat label="Past due" value={report.pastDueSubscriptions} hint={d.pastDueSubscriptions} />
          <Stat
            label="Token packs"
            value={formatCents(report.packRevenueCents)}
            hint={`${report.packsSold} sold. ${d.packRevenue}`}
          />
          <Stat
            label="Refunds"
            value={formatCents(report.refundsCents)}
            hint={`${report.refunds} refunds. ${d.refunds}`}
          />
          <Stat
            label="Disputes"
            value={formatCents(report.disputesCents)}
            hint={`${report.disputes} disputes. ${d.disputes}`}
          />
        </StatGroup>
      </section>
      <section className="admin-section" aria-labelledby="revenue-plans">
        <h2 id="revenue-plans">MRR by plan and interval</h2>
        <table className="admin-table">
          <thead>
            <tr>
              <th scope="col">Plan</th>
              <th scope="col">Interval</th>
              <th scope="col" className="num">
                Subscriptions
              </th>
              <th scope="col" className="num">
                MRR
              </th>
            </tr>
          </thead>
          <tbody>
            {report.mrrByPlan.map((row) => (
              <tr key={`${row.plan}/${row.interval}`}>
                <td>{row.plan}</td>
                <td>{row.interval === 'year' ? 'Yearly' : 'Monthly'}</td>
                <td className="num">{row.subscriptions}</td>
                <td className="num">{formatCents(row.mrrCents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="admin-section" aria-labelledby="revenue-months">
        <h2 id="revenue-months">Last 12 months</h2>
        <p className="admin-definition">{d.monthly}</p>
        <table className="admin-table">
          <thead>
            <tr>
              <th scope="col">Month</th>
              <th scope="col" className="num">
                Subscriptions
              </th>
              <th scope="col" className="num">
                Packs
              </th>
              <th scope="col" className="num">
                Refunds
              </th>
              <th scope="col" className="num">
                Net
              </th>
              <th scope="col">
                <span className="visually-hidden">Chart</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {report.monthly.map((month) => (
              <tr key={month.month}>
                <td>{month.month}</td>
                <td className="num">{formatCents(month.subscriptionCents)}</td>
                <td className="num">{formatCents(month.packCents)}</td>
                <td className="num">{formatCents(month.refundCents)}</td>
                <td className="num">{formatCents(month.netCents)}</td>
                <td aria-hidden="true">
                  <span
                    className="admin-bar"
                    style={{ width: `${Math.max(0, (month.netCents / peak) * 12)}rem` }}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
