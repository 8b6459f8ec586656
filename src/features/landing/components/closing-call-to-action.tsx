import { ButtonLink } from '@/components/ui';
import { paths } from '@/config/paths';
import { PrimaryCallToAction } from './primary-call-to-action';

export function ClosingCallToAction() {
  return (
    <section className="closing-cta" aria-labelledby="closing-title">
      <div className="container closing-cta__inner">
        <h2 id="closing-title">Build your AI workforce today</h2>
        <p>
          Start free, hire your first AI employee in a minute, and only pay for what you use when you grow.
        </p>
        <div className="hero__actions">
          <PrimaryCallToAction />
          <ButtonLink to={paths.marketplace.getHref()} size="lg" variant="secondary">
            Browse the marketplace
          </ButtonLink>
        </div>
      </div>
    </section>
  );
}
