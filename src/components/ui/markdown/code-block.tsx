import { useEffect, useState, type ComponentProps } from 'react';
import type { Element, ElementContent } from 'hast';

type CopyState = 'idle' | 'copied' | 'failed';

/** How long "Copied" stays on the button before it offers to copy again. */
const COPIED_FOR_MS = 2000;

function textOf(node: ElementContent): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element') return node.children.map(textOf).join('');
  return '';
}

function languageOf(code: Element | undefined): string | null {
  const classes = code?.properties.className;
  if (!Array.isArray(classes)) return null;
  const language = classes.map(String).find((name) => name.startsWith('language-'));
  return language ? language.slice('language-'.length) : null;
}

type PreProps = ComponentProps<'pre'> & { node?: Element };

/**
 * A fenced code block: its language, the code, and a Copy button. Replaces react-markdown's
 * `pre`, whose only child is the `code` element; the text is read from the syntax tree so the
 * copy is exactly what the model wrote, whatever the rendered children look like.
 */
export function CodeBlock({ node, children, ...props }: PreProps) {
  const code = node?.children.find(
    (child): child is Element => child.type === 'element' && child.tagName === 'code',
  );
  const text = code ? textOf(code) : '';
  const language = languageOf(code);
  const [copy, setCopy] = useState<CopyState>('idle');

  useEffect(() => {
    if (copy === 'idle') return;
    const reset = setTimeout(() => setCopy('idle'), COPIED_FOR_MS);
    return () => clearTimeout(reset);
  }, [copy]);

  const copyCode = async () => {
    try {
      // A fenced block ends with the newline before its closing fence; nobody wants to paste it.
      await navigator.clipboard.writeText(text.replace(/\n$/, ''));
      setCopy('copied');
    } catch {
      // No clipboard (insecure context) or permission denied: say so rather than pretend.
      setCopy('failed');
    }
  };

  return (
    <div className="markdown__code">
      <div className="markdown__code-bar">
        <span className="markdown__code-language">{language ?? 'code'}</span>
        <button
          type="button"
          className="markdown__copy"
          aria-label="Copy code"
          onClick={() => void copyCode()}
        >
          {copy === 'copied' ? 'Copied' : 'Copy'}
        </button>
        <span role="status" className="visually-hidden">
          {copy === 'copied' ? 'Copied' : copy === 'failed' ? 'Could not copy; select the code instead' : ''}
        </span>
      </div>
      {/* Focusable: a long line scrolls sideways, and keyboard users must be able to scroll it too. */}
      <pre {...props} tabIndex={0}>
        {children}
      </pre>
    </div>
  );
}
