/**
 * Markdown written by a language model, rendered safely.
 *
 * - No raw HTML: react-markdown never parses it into elements (no rehype-raw); HTML in the text
 *   is shown as the literal text the model wrote.
 * - Links only to http(s)/mailto (see `safeUrl`), opening in a new tab without an opener.
 * - Images are not loaded: an image URL chosen by the model is a way to send data out of the
 *   page (prompt injection), so it is shown as a link the reader may choose to follow.
 * - Headings start at h2: the page around the text owns its h1.
 *
 * - Task-list checkboxes are named by their item's text.
 * - Code blocks are syntax-highlighted once the highlighter has loaded: it is fetched (its own
 *   chunk) the first time a text with a fenced block is shown, and the plain code shows meanwhile.
 *
 * Import it from this path, not from the `@/components/ui` barrel: react-markdown and remark-gfm
 * are large and belong in the lazily loaded chunks of the routes that show model output.
 */
import { memo, useEffect, useState, type ComponentProps } from 'react';
import ReactMarkdown, { type Components, type ExtraProps } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { cx } from '../cx';
import { CodeBlock } from './code-block';
import { labelTaskItems } from './label-task-items';
import './markdown.css';
import { safeUrl } from './safe-url';

function Link({ node: _node, href, children, ...props }: ComponentProps<'a'> & ExtraProps) {
  if (!href) return <span className="markdown__unsafe-link">{children}</span>;
  if (href.startsWith('#'))
    return (
      <a href={href} {...props}>
        {children}
      </a>
    );
  return (
    <a {...props} href={href} target="_blank" rel="noopener noreferrer">
      {children}
      <span className="visually-hidden"> (opens in a new tab)</span>
    </a>
  );
}

function Image({ src, alt }: ComponentProps<'img'> & ExtraProps) {
  const label = `Image: ${alt || 'untitled'}`;
  return typeof src === 'string' && src ? (
    <Link href={src}>{label}</Link>
  ) : (
    <span className="markdown__unsafe-link">{label}</span>
  );
}

function Table({ node: _node, ...props }: ComponentProps<'table'> & ExtraProps) {
  // Wide tables scroll inside the message instead of widening the page.
  return (
    <div className="markdown__table">
      <table {...props} />
    </div>
  );
}

function shiftedHeading(Tag: 'h2' | 'h3' | 'h4' | 'h5' | 'h6') {
  return function Heading({ node: _node, ...props }: ComponentProps<'h2'> & ExtraProps) {
    return <Tag {...props} />;
  };
}

// Module-level so every render passes the same objects: React then keeps the rendered blocks
// (and a code block's "Copied" state) while an answer streams in.
const components: Components = {
  a: Link,
  img: Image,
  pre: CodeBlock,
  table: Table,
  h1: shiftedHeading('h2'),
  h2: shiftedHeading('h3'),
  h3: shiftedHeading('h4'),
  h4: shiftedHeading('h5'),
  h5: shiftedHeading('h6'),
  h6: shiftedHeading('h6'),
};
const remarkPlugins = [remarkGfm];
type PluggableList = NonNullable<ComponentProps<typeof ReactMarkdown>['rehypePlugins']>;
const plainPlugins: PluggableList = [labelTaskItems];

let highlighted: PluggableList | null = null;
let loading: Promise<PluggableList> | null = null;
/** The plugins with the highlighter, loaded once (its own chunk), then kept. */
function loadHighlighter(): Promise<PluggableList> {
  loading ??= Promise.all([import('rehype-highlight'), import('./highlight.css')]).then(([module]) => {
    // Only fenced blocks that name their language: guessing costs time and guesses wrong.
    highlighted = [labelTaskItems, [module.default, { detect: false }]];
    return highlighted;
  });
  return loading;
}

function useRehypePlugins(source: string): PluggableList {
  const wantsHighlight = source.includes('```') || source.includes('~~~');
  const [plugins, setPlugins] = useState<PluggableList>(() => highlighted ?? plainPlugins);
  useEffect(() => {
    if (!wantsHighlight || plugins !== plainPlugins) return;
    let current = true;
    loadHighlighter().then(
      (loaded) => current && setPlugins(loaded),
      // Offline or a failed chunk: the code stays plain, which is still correct.
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [wantsHighlight, plugins]);
  return plugins;
}

export interface MarkdownProps {
  /** The markdown source; may be partial (an answer still streaming). */
  children: string;
  className?: string;
}

/** Renders `children` as GitHub-flavoured markdown. Memoised: unchanged text is not re-parsed. */
export const Markdown = memo(function Markdown({ children, className }: MarkdownProps) {
  const rehypePlugins = useRehypePlugins(children);
  return (
    <div className={cx('markdown', className)}>
      <ReactMarkdown
        remarkPlugins={remarkPlugins}
        rehypePlugins={rehypePlugins}
        components={components}
        urlTransform={safeUrl}
      >
        {children}
      </ReactMarkdown>
    </div>
  );
});
