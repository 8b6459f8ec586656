import { LandingIcon, type LandingIconName } from './landing-icons';

const features: { icon: LandingIconName; title: string; body: string }[] = [
  {
    icon: 'marketplace',
    title: 'A marketplace of specialists',
    body: 'Curated AI employees for engineering, marketing, sales, support, finance, legal, operations, design and more. Each comes with a role, a set of skills and a tuned system prompt, so it is useful from the first message.',
  },
  {
    icon: 'chat',
    title: 'Conversations that stream',
    body: 'Answers arrive token by token, with Markdown and code rendered as they stream. Stop a response whenever you have what you need; your full history is always a scroll away.',
  },
  {
    icon: 'team',
    title: 'Team runs with a supervisor',
    body: 'Give a goal to a team. A supervisor plans the work, delegates to up to five of your employees and combines their contributions into one result — and you can watch every step live.',
  },
  {
    icon: 'workflow',
    title: 'Automation workflows',
    body: 'Chain employees into saved, multi-step pipelines — research, draft, review — and run them whenever you need, with a record of every run and every step.',
  },
  {
    icon: 'pin',
    title: 'Versions you control',
    body: 'Every hire is pinned to the version you chose. When an employee improves, read what changed and upgrade when you are ready. Nothing shifts under you mid-project.',
  },
  {
    icon: 'meter',
    title: 'Transparent token credits',
    body: 'Every model call is metered at list price: 1,000,000 credits equal $1.00 of usage. See exactly what each conversation cost, by model and by day.',
  },
];

export function FeatureGrid() {
  return (
    <section className="landing-section" aria-labelledby="features-title">
      <div className="container">
        <div className="section-heading">
          <p className="eyebrow">What you get</p>
          <h2 id="features-title">Everything you need to put AI to work</h2>
          <p className="section-heading__lead">
            One workspace for finding the right AI employee, working with it, and scaling up to teams and
            automation — without juggling API keys or surprise bills.
          </p>
        </div>
        <ul className="feature-grid">
          {features.map((feature) => (
            <li key={feature.title} className="feature-card">
              <span className="feature-card__icon">
                <LandingIcon name={feature.icon} />
              </span>
              <h3 className="feature-card__title">{feature.title}</h3>
              <p className="feature-card__body">{feature.body}</p>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
