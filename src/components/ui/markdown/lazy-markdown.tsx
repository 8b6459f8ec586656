/**
 * `Markdown` for routes whose first paint should not wait for the markdown parser (react-markdown,
 * remark-gfm, micromark: ~49 kB gzip): the chat (ADR 0067). The parser is fetched right after the
 * route's first render (when the browser is idle) and meanwhile — usually a few frames — the text
 * shows as plain text with its line breaks, so nothing the model wrote is hidden.
 */
import { lazy, Suspense } from 'react';
import { cx } from '../cx';
import type { MarkdownProps } from './markdown';

const load = () => import('./markdown');
const LoadedMarkdown = lazy(async () => ({ default: (await load()).Markdown }));

// Start fetching once the page that imports this has rendered, not on first use.
if (typeof window !== 'undefined') {
  const idle = window.requestIdleCallback ?? ((callback: () => void) => window.setTimeout(callback, 200));
  idle(() => void load().catch(() => undefined));
}

export function Markdown({ children, className }: MarkdownProps) {
  return (
    <Suspense
      fallback={
        <div className={cx('markdown', className)}>
          <p style={{ whiteSpace: 'pre-wrap' }}>{children}</p>
        </div>
      }
    >
      <LoadedMarkdown className={className}>{children}</LoadedMarkdown>
    </Suspense>
  );
}
