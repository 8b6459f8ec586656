import { useState } from 'react';
import { Button, buttonClassName } from '@/components/ui';
import { Markdown } from '@/components/ui/markdown/markdown';

/** A file name for the run's result: its title, made safe for every file system. */
export function resultFileName(title: string): string {
  const base = title
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .replace(/\s+/g, '-')
    .slice(0, 80)
    .toLowerCase();
  return `${base || 'team-run'}.md`;
}

export function RunResult({ text, title }: { text: string; title: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard.writeText(text);
    setCopied(true);
    setTimeout(() => setCopied(false), 2_000);
  };
  // The result as a Markdown file, made in the browser from what the page shows. A data: URL
  // rather than an object URL: nothing to revoke, so no re-render can cancel the download.
  const download = `data:text/markdown;charset=utf-8,${encodeURIComponent(text)}`;
  return (
    <section className="run-result" aria-labelledby="run-result-title">
      <header className="run-result__header">
        <h2 id="run-result-title">Result</h2>
        <Button variant="secondary" size="sm" onClick={() => void copy()}>
          {copied ? 'Copied' : 'Copy'}
        </Button>
        <a
          className={buttonClassName({ variant: 'secondary', size: 'sm' })}
          href={download}
          download={resultFileName(title)}
        >
          Download .md
        </a>
      </header>
      <Markdown>{text}</Markdown>
      <span className="visually-hidden" aria-live="polite">
        {copied ? 'Result copied to the clipboard' : ''}
      </span>
    </section>
  );
}
