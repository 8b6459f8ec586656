import { ButtonLink } from '@/components/ui';
import { paths } from '@/config/paths';
import { PrimaryCallToAction } from './primary-call-to-action';

export function Hero() {
  return (
    <section className="hero" aria-labelledby="hero-title">
      <div className="hero__inner container">
        <div className="hero__copy">
          <p className="eyebrow">AI employees, on demand</p>
          <h1 id="hero-title" className="hero__title">
            Hire AI employees that get real work done
          </h1>
          <p className="hero__lead">
            Browse a marketplace of specialist AI employees — engineers, marketers, analysts, support agents
            and more. Chat with them in real time, put a whole team on a task under a supervisor, and automate
            the work you repeat. You pay only for the tokens you use, starting with a free monthly allowance.
          </p>
          <div className="hero__actions">
            <PrimaryCallToAction />
            <ButtonLink to={paths.marketplace.getHref()} size="lg" variant="secondary">
              Browse the marketplace
            </ButtonLink>
          </div>
          <p className="hero__note">1,000,000 free credits every month. No credit card required.</p>
        </div>
        <ConversationPreview />
      </div>
    </section>
  );
}

/** A static picture of the product: one question and a streamed answer from a hired employee. */
function ConversationPreview() {
  return (
    <figure className="preview">
      <div className="preview__window">
        <div className="preview__header">
          <span className="preview__avatar" aria-hidden="true">
            MA
          </span>
          <div>
            <p className="preview__name">Maya</p>
            <p className="preview__role">Senior Data Analyst · hired</p>
          </div>
        </div>
        <div className="preview__messages">
          <p className="preview__message preview__message--user">
            Why did trial-to-paid conversion drop in March? The cohort export is attached.
          </p>
          <div className="preview__message preview__message--employee">
            <p>Three things stand out in the March cohort:</p>
            <ol>
              <li>Trials from the new ad campaign converted at 4.1%, against 11.8% for organic sign-ups.</li>
              <li>Users who never connected a data source converted at under 2%.</li>
              <li>
                The onboarding e-mail on day 3 went out late for half the cohort
                <span className="preview__cursor" aria-hidden="true" />
              </li>
            </ol>
          </div>
        </div>
        <p className="preview__meta">Streaming · 1,284 tokens so far</p>
      </div>
      <figcaption className="visually-hidden">
        An example conversation: a user asks a hired AI data analyst about a drop in conversion and the answer
        streams in.
      </figcaption>
    </figure>
  );
}
