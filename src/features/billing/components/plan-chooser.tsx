import { useState } from 'react';
import { Button, Card } from '@/components/ui';
import { formatCredits, formatMoney } from '../format';
import type { Plan } from '../api/get-catalog';
import type { BillingRedirect } from '../api/start-checkout';

/**
 * Subscribe to a paid plan. A subscriber changes plan in Stripe's portal (prorated there), so for
 * them every button opens the portal.
 */
export function PlanChooser({
  plans,
  currentPlan,
  subscribed,
  onChoose,
  pending,
  locked = false,
}: {
  plans: Plan[];
  currentPlan: string;
  subscribed: boolean;
  onChoose: (target: BillingRedirect) => void;
  pending: BillingRedirect | undefined;
  /** A checkout is being confirmed: nothing else can be bought meanwhile. */
  locked?: boolean;
}) {
  const [interval, setInterval] = useState<'month' | 'year'>('month');
  const paid = plans.filter((plan) => plan.prices.length > 0);
  return (
    <Card
      as="section"
      title={subscribed ? 'Change plan' : 'Upgrade'}
      description={
        subscribed
          ? 'Upgrades and downgrades are prorated by Stripe; the new allowance starts with your next monthly grant.'
          : 'Paid plans renew automatically; cancel any time from the billing portal.'
      }
      actions={
        <div className="interval-toggle" role="group" aria-label="Billing interval">
          {(['month', 'year'] as const).map((value) => (
            <Button
              key={value}
              size="sm"
              variant={interval === value ? 'primary' : 'secondary'}
              aria-pressed={interval === value}
              onClick={() => setInterval(value)}
            >
              {value === 'month' ? 'Monthly' : 'Yearly'}
            </Button>
          ))}
        </div>
      }
    >
      {!subscribed && (
        <p className="billing-plans__note">
          Subscribing starts the plan&apos;s monthly allowance at once, in place of what is left of your free
          allowance; purchased credits are kept.
        </p>
      )}
      <ul className="billing-plans">
        {paid.map((plan) => {
          const price = plan.prices.find((candidate) => candidate.interval === interval);
          const isCurrent = plan.id === currentPlan;
          const busy = pending?.kind === 'subscription' && pending.plan === plan.id;
          return (
            <li key={plan.id} className="billing-plan">
              <h3>{plan.name}</h3>
              <p className="billing-plan__price">
                {price ? formatMoney(price.amount_cents, price.currency) : '—'} <span>/ {interval}</span>
              </p>
              <p>{formatCredits(plan.monthlyCredits)} credits every month</p>
              <Button
                block
                variant={isCurrent ? 'secondary' : 'primary'}
                disabled={locked || !price || (pending !== undefined && !busy)}
                loading={busy}
                onClick={() =>
                  onChoose(
                    subscribed ? { kind: 'portal' } : { kind: 'subscription', plan: plan.id, interval },
                  )
                }
              >
                {isCurrent
                  ? 'Your plan'
                  : subscribed
                    ? `Switch to ${plan.name}`
                    : `Subscribe to ${plan.name}`}
              </Button>
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
