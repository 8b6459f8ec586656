import { useSession } from '@/lib/auth';
import { ButtonLink } from '@/components/ui';
import { paths } from '@/config/paths';
import { useDocumentTitle } from '@/lib/use-document-title';
import '../dashboard.css';
import { ActivityCard } from './activity-card';
import { AlertsCard } from './alerts-card';
import { BalanceCard } from './balance-card';
import { UsageCard } from './usage-card';

/** The signed-in home: what is left to spend, what was spent on what, and what needs attention. */
export function DashboardPage() {
  useDocumentTitle('Dashboard');
  const session = useSession();
  const userId = session.user?.id ?? '';

  return (
    <div className="page container dashboard-page">
      <header className="page-header">
        <div>
          <h1>Dashboard</h1>
          <p className="page-header__lead">
            Your credits, your usage over the last 30 days, and anything that needs your attention.
          </p>
        </div>
        <nav className="dashboard-links" aria-label="Quick links">
          <ButtonLink to={paths.chat.getHref()}>Start a chat</ButtonLink>
          <ButtonLink to={paths.marketplace.getHref()} variant="secondary">
            Hire from the marketplace
          </ButtonLink>
          <ButtonLink to={paths.billing.getHref()} variant="secondary">
            Billing
          </ButtonLink>
        </nav>
      </header>
      <BalanceCard userId={userId} />
      <UsageCard userId={userId} />
      <div className="dashboard-columns">
        <AlertsCard userId={userId} />
        <ActivityCard userId={userId} />
      </div>
    </div>
  );
}
