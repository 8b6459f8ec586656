import { useState } from 'react';
import { useSession } from '@/lib/auth';
import { Button, ButtonLink, ErrorState, PageSpinner } from '@/components/ui';
import { paths } from '@/config/paths';
import { formatCompactNumber, formatMoney } from '@/lib/credits-format';
import { useDocumentTitle } from '@/lib/use-document-title';
import { usePublicCatalog, type PricingPlan } from '@/lib/public-catalog';
import '../pricing.css';

export function PricingPage() {
  useDocumentTitle('Pricing');
  const pricing = usePublicCatalog();
  const { status } = useSession();
  const [interval, setInterval] = useState<'month' | 'year'>('month');

  if (pricing.isPending) return <PageSpinner />;
  if (pricing.isError) {
    return (
      <div className="page container">
        <ErrorState
          error={pricing.error}
          title="Prices could not be loaded"
          onRetry={() => void pricing.refetch()}
          retrying={pricing.isFetching}
        />
      </div>
    );
  }

  // Signed-in users choose and pay on the billing page; others sign up first and land there.
  const cta = (plan: PricingPlan) =>
    status === 'signed-in' ? (
      <ButtonLink
        to={paths.billing.getHref()}
        block
        variant={plan.plan_prices.length ? 'primary' : 'secondary'}
      >
        {plan.plan_prices.length ? `Choose ${plan.name}` : 'Go to billing'}
      </ButtonLink>
    ) : (
      <ButtonLink
        to={paths.signUp.getHref(paths.billing.getHref())}
        block
        variant={plan.plan_prices.length ? 'primary' : 'secondary'}
      >
        {plan.plan_prices.length ? `Start with ${plan.name}` : 'Sign up free'}
      </ButtonLink>
    );

  return (
    <div className="page container pricing-page">
      <header className="pricing-header">
        <h1>Pricing</h1>
        <p className="page-header__lead">
          Every model call is metered in credits: 1,000,000 credits buy US$1.00 of model usage at list price.
          Your monthly allowance is spent first; token packs top you up and never expire.
        </p>
        <div className="interval-switch" role="group" aria-label="Billing interval">
          {(['month', 'year'] as const).map((value) => (
            <Button
              key={value}
              size="sm"
              variant={interval === value ? 'primary' : 'secondary'}
              aria-pressed={interval === value}
              onClick={() => setInterval(value)}
            >
              {value === 'month' ? 'Monthly' : 'Yearly (2 months free)'}
            </Button>
          ))}
        </div>
      </header>

      <ul className="pricing-plans">
        {pricing.data.plans.map((plan) => {
          const price = plan.plan_prices.find((candidate) => candidate.interval === interval);
          return (
            <li key={plan.id} className="pricing-plan">
              <h2>{plan.name}</h2>
              <p className="pricing-plan__price">
                {price ? formatMoney(price.amount_cents, price.currency) : '$0'}{' '}
                <span>{price ? `/ ${interval}` : 'forever'}</span>
              </p>
              <p className="pricing-plan__allowance">
                {formatCompactNumber(plan.monthly_credits)} credits every month
              </p>
              {plan.description && <p>{plan.description}</p>}
              {plan.features.length > 0 && (
                <ul className="pricing-plan__features">
                  {plan.features.map((feature) => (
                    <li key={feature}>{feature}</li>
                  ))}
                </ul>
              )}
              {cta(plan)}
            </li>
          );
        })}
      </ul>

      <section aria-labelledby="packs-title" className="pricing-packs">
        <h2 id="packs-title">Token packs</h2>
        <p>One-off top-ups for any plan. Purchased credits never expire.</p>
        <table className="pricing-packs__table">
          <thead>
            <tr>
              <th scope="col">Pack</th>
              <th scope="col">Credits</th>
              <th scope="col">Price</th>
            </tr>
          </thead>
          <tbody>
            {pricing.data.packs.map((pack) => (
              <tr key={pack.id}>
                <td>{pack.name}</td>
                <td>{formatCompactNumber(pack.credits)}</td>
                <td>{formatMoney(pack.price_cents, pack.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
