import { Badge, buttonClassName, Button, useToast } from '@/components/ui';
import { supabase } from '@/lib/supabase';
import { workflowOutputsBucket } from '@/shared/workflows-contract';
import { Markdown } from '@/components/ui/markdown/markdown';
import { formatCreditsExact } from '@/lib/credits-format';
import { markdownFileName, stepLabel } from '../format';
import type { StepView } from '../run-view';

/** One step on the run's timeline: status, retries, streaming output, cost; download and replay. */
export function StepCard({
  step,
  runTitle,
  canReplay,
  replaying,
  onReplay,
}: {
  step: StepView;
  runTitle: string;
  canReplay: boolean;
  replaying: boolean;
  onReplay: (key: string) => void;
}) {
  const { label, tone } = stepLabel(step);
  const titleId = `wf-run-step-${step.key}`;
  const active = step.status === 'running';
  const retries = Math.max(0, step.attempt - 1);
  const toast = useToast();
  // A short-lived signed link, made under Storage RLS: only the owner's own files sign.
  const openFile = async (path: string) => {
    const storage = await supabase.storage();
    const { data, error } = await storage.from(workflowOutputsBucket).createSignedUrl(path, 60);
    if (error || !data) toast.error('The saved file could not be opened.');
    else window.open(data.signedUrl, '_blank', 'noopener');
  };
  return (
    <li
      className={`wf-timeline__step wf-timeline__step--${step.status}`}
      aria-labelledby={titleId}
      aria-busy={active}
    >
      <header className="wf-timeline__header">
        <h3 id={titleId}>{step.name}</h3>
        <Badge tone={tone}>{label}</Badge>
        {retries > 0 ? (
          <span className="wf-hint">
            {retries} {retries === 1 ? 'retry' : 'retries'} (attempt {step.attempt} of {step.maxAttempts})
          </span>
        ) : null}
      </header>
      {step.dependsOn.length > 0 ? <p className="wf-hint">After: {step.dependsOn.join(', ')}</p> : null}
      <div className="wf-timeline__body">
        {step.text ? (
          <Markdown>{step.text}</Markdown>
        ) : (
          <p className="wf-hint">
            {active ? 'Working…' : step.shortcut === 'skipped' ? (step.reason ?? 'Skipped.') : 'Nothing yet.'}
          </p>
        )}
      </div>
      {step.error && step.status !== 'completed' ? (
        <p className="field__error" role="status">
          {step.error}
        </p>
      ) : null}
      <footer className="wf-timeline__meta">
        <span>{step.model}</span>
        <span data-testid={`step-credits-${step.key}`}>
          {formatCreditsExact(step.credits)} credits{step.estimated ? ' (estimated)' : ''}
        </span>
        {step.inputTokens || step.outputTokens ? (
          <span>
            {step.inputTokens} in / {step.outputTokens} out tokens
          </span>
        ) : null}
        {step.latencyMs !== null && !active && step.latencyMs > 0 ? (
          <span>{(step.latencyMs / 1000).toFixed(1)} s</span>
        ) : null}
        {step.text && step.status === 'completed' ? (
          <a
            className={buttonClassName({ variant: 'ghost', size: 'sm' })}
            href={`data:text/markdown;charset=utf-8,${encodeURIComponent(step.text)}`}
            download={markdownFileName(runTitle, step.name)}
          >
            Download .md
          </a>
        ) : null}
        {step.file ? (
          <Button variant="ghost" size="sm" onClick={() => void openFile(step.file!)}>
            Open saved file
          </Button>
        ) : null}
        {canReplay ? (
          <Button variant="secondary" size="sm" loading={replaying} onClick={() => onReplay(step.key)}>
            Replay from here
          </Button>
        ) : null}
      </footer>
    </li>
  );
}
