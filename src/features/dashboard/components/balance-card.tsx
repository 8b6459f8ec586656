import { Card, ErrorState, Skeleton, Stat, StatGroup } from '@/components/ui';
import { useCreditBalance, type CreditBalance } from '@/lib/credit-balance';
import { formatCredits, formatDate, formatExact } from '../format';

export function BalanceCard({ userId }: { userId: string }) {
  const balance = useCreditBalance(userId);
  return (
    <Card as="section" title="Balance" className="dashboard-balance">
      {balance.isPending ? (
        <div aria-busy="true" aria-label="Loading your balance">
          <Skeleton height="4.5rem" />
        </div>
      ) : balance.isError ? (
        <ErrorState
          error={balance.error}
          title="Your balance could not be loaded"
          headingLevel="h3"
          onRetry={() => void balance.refetch()}
          retrying={balance.isFetching}
        />
      ) : (
        <>
          <StatGroup className="dashboard-stats">
            <Stat
              label="Available now"
              value={
                <span title={`${formatExact(balance.data.available)} credits`}>
                  {formatCredits(balance.data.available)}
                </span>
              }
              hint="credits"
            />
            <Stat
              label="Allowance left"
              value={formatCredits(balance.data.allowance.remaining)}
              hint={
                balance.data.allowance.periodEnd
                  ? `until ${formatDate(balance.data.allowance.periodEnd)}`
                  : 'no allowance running'
              }
            />
            <Stat
              label="Purchased credits"
              value={formatCredits(balance.data.purchased)}
              hint={balance.data.frozen ? 'on hold during a dispute' : 'never expire'}
            />
            <Stat label="Held for running calls" value={formatCredits(balance.data.reserved)} />
          </StatGroup>
          <AllowanceMeter allowance={balance.data.allowance} />
        </>
      )}
    </Card>
  );
}

/** How much of this period's allowance is spent, as a labelled progress bar. */
function AllowanceMeter({ allowance }: { allowance: CreditBalance['allowance'] }) {
  if (allowance.granted <= 0) return null;
  const percent = Math.min(100, Math.round((allowance.used / allowance.granted) * 100));
  const tone = percent >= 90 ? 'danger' : percent >= 80 ? 'warning' : 'normal';
  const text = `${formatCredits(allowance.used)} of ${formatCredits(allowance.granted)} credits (${percent}%)`;
  return (
    <div className="allowance-meter">
      <div className="allowance-meter__label">
        <span id="allowance-meter-label">Allowance used this period</span>
        <span>{text}</span>
      </div>
      <div
        className={`allowance-meter__track allowance-meter__track--${tone}`}
        role="progressbar"
        aria-labelledby="allowance-meter-label"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={text}
      >
        <div className="allowance-meter__fill" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}
