import { ButtonLink } from '@/components/ui';
import { paths } from '@/config/paths';

// The headline figures of the default plans (DESIGN.md §5). The pricing page reads the live
// prices from the database; this teaser only has to be right about the shape of the offer.
const plans = [
  {
    name: 'Free',
    price: '$0',
    period: 'forever',
    allowance: '1M credits every month',
    note: 'For trying things out',
  },
  {
    name: 'Pro',
    price: '$29',
    period: 'per month',
    allowance: '20M credits every month',
    note: 'Or $290 a year',
  },
  {
    name: 'Max',
    price: '$299',
    period: 'per month',
    allowance: '250M credits every month',
    note: 'Or $2,990 a year',
  },
];

export function PricingTeaser() {
  return (
    <section className="landing-section" aria-labelledby="pricing-title">
      <div className="container">
        <div className="section-heading">
          <p className="eyebrow">Pricing</p>
          <h2 id="pricing-title">Simple plans, metered by the token</h2>
          <p className="section-heading__lead">
            Your monthly allowance is used first. Need more? Token packs start at $10 for 10 million credits,
            and purchased credits never expire.
          </p>
        </div>
        <ul className="plan-teasers">
          {plans.map((plan) => (
            <li key={plan.name} className="plan-teaser">
              <h3 className="plan-teaser__name">{plan.name}</h3>
              <p className="plan-teaser__price">
                <span className="plan-teaser__amount">{plan.price}</span> {plan.period}
              </p>
              <p className="plan-teaser__allowance">{plan.allowance}</p>
              <p className="plan-teaser__note">{plan.note}</p>
            </li>
          ))}
        </ul>
        <p className="pricing-link">
          <ButtonLink to={paths.pricing.getHref()} variant="secondary">
            See full pricing and token packs
          </ButtonLink>
        </p>
      </div>
    </section>
  );
}
