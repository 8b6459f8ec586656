import { Badge } from '@/components/ui';
import { Markdown } from '@/components/ui/markdown/markdown';
import { formatCredits } from '@/lib/credits-format';
import { stepStatusLabels, stepStatusTones } from '../format';
import type { LaneView } from '../run-view';

export function StepLane({ lane }: { lane: LaneView }) {
  const titleId = `lane-${lane.key}`;
  const active = lane.status === 'running';
  return (
    <article className={`lane lane--${lane.status}`} aria-labelledby={titleId} aria-busy={active}>
      <header className="lane__header">
        <h3 id={titleId} className="lane__title">
          {lane.title}
        </h3>
        <Badge tone={stepStatusTones[lane.status]}>
          {stepStatusLabels[lane.status]}
          {lane.attempt > 1 ? ` (attempt ${lane.attempt})` : ''}
        </Badge>
      </header>
      {lane.subtitle ? <p className="lane__subtitle">{lane.subtitle}</p> : null}
      <div className="lane__body">
        {lane.plan ? (
          <ol className="lane__plan">
            {lane.plan.map((entry) => (
              <li key={entry.name + entry.task}>
                <strong>{entry.name}</strong>: {entry.task}
                <span className="lane__why"> — {entry.why}</span>
              </li>
            ))}
          </ol>
        ) : lane.text ? (
          lane.kind === 'plan' ? (
            <pre className="lane__json">{lane.text}</pre>
          ) : (
            <Markdown>{lane.text}</Markdown>
          )
        ) : (
          <p className="lane__placeholder">{active ? 'Thinking…' : 'Nothing yet.'}</p>
        )}
      </div>
      {lane.error && lane.status !== 'completed' ? (
        <p className="lane__error" role="status">
          {lane.error}
        </p>
      ) : null}
      <footer className="lane__meta">
        <span>{lane.model}</span>
        <span>
          {formatCredits(lane.credits)} credits{lane.estimated ? ' (estimated)' : ''}
        </span>
        {lane.inputTokens || lane.outputTokens ? (
          <span>
            {lane.inputTokens} in / {lane.outputTokens} out tokens
          </span>
        ) : null}
        {lane.latencyMs !== null && lane.status !== 'running' ? (
          <span>{(lane.latencyMs / 1000).toFixed(1)} s</span>
        ) : null}
      </footer>
    </article>
  );
}
