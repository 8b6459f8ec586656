import { executionWaves } from '@/shared/workflows-contract';
import type { DraftStep } from '../builder-state';

/** The order steps will run in: each line runs once the lines above it are done, its steps in parallel. */
export function DependencyOrder({ steps }: { steps: readonly DraftStep[] }) {
  if (steps.length === 0) return null;
  const waves = executionWaves(steps);
  const nameOf = (key: string) => steps.find((s) => s.key === key)?.name ?? key;
  return (
    <section className="wf-section" aria-labelledby="wf-order-title">
      <h2 id="wf-order-title">Run order</h2>
      {waves ? (
        <ol className="wf-order">
          {waves.map((wave, i) => (
            <li key={i}>
              {wave.map(nameOf).join(' · ')}
              {wave.length > 1 ? <span className="wf-hint"> (in parallel)</span> : null}
            </li>
          ))}
        </ol>
      ) : (
        <p className="wf-hint">Some steps wait for each other in a circle; fix the highlighted prompts.</p>
      )}
    </section>
  );
}
