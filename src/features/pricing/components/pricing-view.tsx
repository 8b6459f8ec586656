/**
 * The pricing page's content, for both places it is shown: the SPA's route (pricing-page.tsx,
 * TanStack Query and router links) and the prerendered marketing page's island
 * (src/app/marketing, plain links and its own fetch; ADR 0083). Whoever shows it says how the
 * catalog loads and how links navigate.
 */
import { useState, type ReactNode } from 'react';
// Straight from the files, not the '@/components/ui' barrel: the marketing page loads this view
// without the router and the rest of the design system (ADR 0083).
import { Button, type ButtonVariant } from '@/components/ui/button';
import { ErrorState } from '@/components/ui/error-state';
import { PageSpinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import { formatCompactNumber, formatMoney } from '@/lib/credits-format';
import type { PricingPack, PricingPlan } from '@/lib/get-public-catalog';
import '../pricing.css';

export interface PricingCatalog {
  plans: PricingPlan[];
  packs: PricingPack[];
}

/** Where the catalog is: loaded, loading, or failed (with a retry). */
export interface CatalogLoad {
  data: PricingCatalog | undefined;
  error: unknown;
  retry: () => void;
  retrying: boolean;
}

/** A link styled as a button: `ButtonLink` in the SPA, `ButtonAnchor` without the router. */
export type PricingLink = (props: {
  to: string;
  block?: boolean;
  variant?: ButtonVariant;
  children: ReactNode;
}) => ReactNode;

export function PricingView({
  catalog,
  signedIn,
  Link,
}: {
  catalog: CatalogLoad;
  signedIn: boolean;
  Link: PricingLink;
}) {
  const [interval, setInterval] = useState<'month' | 'year'>('month');

  if (catalog.data === undefined && !catalog.error) return <PageSpinner />;
  if (catalog.data === undefined) {
    return (
      <div className="page container">
        <ErrorState
          error={catalog.error}
          title="Prices could not be loaded"
          onRetry={catalog.retry}
          retrying={catalog.retrying}
        />
      </div>
    );
  }

  // Signed-in users choose and pay on the billing page; others sign up first and land there.
  const cta = (plan: PricingPlan) => {
    const variant = plan.plan_prices.length ? 'primary' : 'secondary';
    return signedIn ? (
      <Link to={paths.billing.getHref()} block variant={variant}>
        {plan.plan_prices.length ? `Choose ${plan.name}` : 'Go to billing'}
      </Link>
    ) : (
      <Link to={paths.signUp.getHref(paths.billing.getHref())} block variant={variant}>
        {plan.plan_prices.length ? `Start with ${plan.name}` : 'Sign up free'}
      </Link>
    );
  };

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
        {catalog.data.plans.map((plan) => {
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
            {catalog.data.packs.map((pack) => (
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
