const steps = [
  {
    title: 'Create your free account',
    body: 'Sign up in a minute. The Free plan includes 1,000,000 token credits every month — enough to try several employees properly.',
  },
  {
    title: 'Hire from the marketplace',
    body: 'Search by name or skill, filter by category, read reviews from people who use them, and hire with one click.',
  },
  {
    title: 'Put them to work',
    body: 'Chat one to one, hand a bigger task to a supervised team, or save a workflow for the work you do every week.',
  },
  {
    title: 'Scale when you need to',
    body: 'Move to Pro or Max for a larger monthly allowance, or top up with token packs whose credits never expire.',
  },
];

export function HowItWorks() {
  return (
    <section className="landing-section landing-section--muted" aria-labelledby="how-title">
      <div className="container">
        <div className="section-heading">
          <p className="eyebrow">How it works</p>
          <h2 id="how-title">From sign-up to a working AI team in minutes</h2>
        </div>
        <ol className="steps">
          {steps.map((step, index) => (
            <li key={step.title} className="step">
              <span className="step__number" aria-hidden="true">
                {index + 1}
              </span>
              <h3 className="step__title">{step.title}</h3>
              <p className="step__body">{step.body}</p>
            </li>
          ))}
        </ol>
      </div>
    </section>
  );
}
