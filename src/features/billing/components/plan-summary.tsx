import { Badge, Button, Card, Stat, StatGroup, type BadgeTone } from '@/components/ui';
import type { CreditBalance } from '@/lib/credit-balance';
import type { BillingOverview } from '../api/get-overview';
import { formatCredits, formatCreditsExact, formatDate } from '../format';

const statusTone: Record<string, BadgeTone> = { active: 'success', trialing: 'info', past_due: 'warning' };
const statusLabel: Record<string, string> = {
  active: 'Active',
  trialing: 'Trial',
  past_due: 'Past due',
  canceled: 'Cancelled',
};

export function PlanSummary({
  overview,
  balance,
  planName,
  onManage,
  managing,
}: {
  overview: BillingOverview;
  balance: CreditBalance;
  planName: string;
  onManage: () => void;
  managing: boolean;
}) {
  const { subscription } = overview;
  const { allowance } = balance;
  const live = subscription && ['active', 'trialing', 'past_due'].includes(subscription.status);
  return (
    <Card
      title={
        <>
          {planName} plan{' '}
          <Badge tone={statusTone[overview.planStatus] ?? 'neutral'}>
            {statusLabel[overview.planStatus] ?? overview.planStatus}
          </Badge>
        </>
      }
      description={
        live && subscription
          ? subscription.cancelAtPeriodEnd
            ? `Billed ${subscription.interval}ly. Ends on ${formatDate(subscription.currentPeriodEnd)}; you then return to the free plan.`
            : `Billed ${subscription.interval}ly. Renews on ${formatDate(subscription.currentPeriodEnd)}.`
          : 'The free plan: a monthly allowance, no card needed.'
      }
      actions={
        subscription ? (
          <Button variant="secondary" onClick={onManage} loading={managing}>
            Manage billing
          </Button>
        ) : undefined
      }
    >
      <StatGroup className="billing-stats">
        <Stat
          label="Allowance left"
          value={formatCredits(allowance.remaining)}
          hint={allowance.periodEnd ? `until ${formatDate(allowance.periodEnd)}` : undefined}
        />
        <Stat
          label="Used this period"
          value={formatCredits(allowance.used)}
          hint={allowance.granted > 0 ? `of ${formatCredits(allowance.granted)}` : undefined}
        />
        <Stat
          label="Purchased credits"
          value={formatCredits(balance.purchased)}
          hint={balance.frozen ? 'on hold' : 'never expire'}
        />
        <Stat
          label="Available now"
          value={
            <span title={formatCreditsExact(balance.available)}>{formatCredits(balance.available)}</span>
          }
        />
      </StatGroup>
    </Card>
  );
}
