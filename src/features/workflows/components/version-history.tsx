import { useState } from 'react';
import { Button } from '@/components/ui';
import { workflowDefinitionSchema } from '@/shared/workflows-contract';
import type { VersionRow } from '../schemas';

const promptsOf = (definition: unknown) => {
  const parsed = workflowDefinitionSchema.safeParse(definition);
  return new Map(
    parsed.success ? parsed.data.steps.map((s) => [s.key, { name: s.name, prompt: s.prompt }]) : [],
  );
};
const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Every saved version; opening one shows how its prompts differ from the version before it. */
export function VersionHistory({ versions }: { versions: readonly VersionRow[] }) {
  const [open, setOpen] = useState<number | undefined>(undefined);
  return (
    <section className="wf-section" aria-labelledby="wf-versions-title">
      <h2 id="wf-versions-title">Versions</h2>
      <ol className="wf-versions">
        {versions.map((version, i) => {
          const previous = versions[i + 1];
          const now = promptsOf(version.definition);
          const before = promptsOf(previous?.definition);
          const keys = [...new Set([...before.keys(), ...now.keys()])];
          const changed = keys.filter((k) => before.get(k)?.prompt !== now.get(k)?.prompt);
          return (
            <li key={version.id}>
              <Button
                variant="ghost"
                size="sm"
                aria-expanded={open === version.version}
                onClick={() => setOpen(open === version.version ? undefined : version.version)}
              >
                Version {version.version} · {when.format(new Date(version.created_at))}
              </Button>
              {open === version.version ? (
                previous ? (
                  changed.length === 0 ? (
                    <p className="wf-hint">No prompt changed since version {previous.version}.</p>
                  ) : (
                    <div className="wf-diff" aria-label={`Prompt changes since version ${previous.version}`}>
                      {changed.map((key) => (
                        <div key={key}>
                          <h3>{now.get(key)?.name ?? before.get(key)?.name ?? key}</h3>
                          {before.has(key) ? (
                            <pre className="wf-diff__old">- {before.get(key)!.prompt}</pre>
                          ) : null}
                          {now.has(key) ? <pre className="wf-diff__new">+ {now.get(key)!.prompt}</pre> : null}
                        </div>
                      ))}
                    </div>
                  )
                ) : (
                  <p className="wf-hint">The first version.</p>
                )
              ) : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
