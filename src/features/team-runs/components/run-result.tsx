import { useState } from 'react';
import { Button } from '@/components/ui';
import { Markdown } from '@/components/ui/markdown/markdown';

export function RunResult({ text }: { text: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard.writeText(text);
    setCopied(true);
    setTimeout(() => setCopied(false), 2_000);
  };
  return (
    <section className="run-result" aria-labelledby="run-result-title">
      <header className="run-result__header">
        <h2 id="run-result-title">Result</h2>
        <Button variant="secondary" size="sm" onClick={() => void copy()}>
          {copied ? 'Copied' : 'Copy'}
        </Button>
      </header>
      <Markdown>{text}</Markdown>
      <span className="visually-hidden" aria-live="polite">
        {copied ? 'Result copied to the clipboard' : ''}
      </span>
    </section>
  );
}
