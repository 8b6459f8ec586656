/**
 * A blog post's markdown. Written by our team rather than a model, but rendered with the same
 * rules as chat (no raw HTML, only safe URLs) plus what an article needs: headings with anchors
 * (the same slugs GitHub makes), links within the site, and images served by the site itself.
 */
import type { ComponentProps } from 'react';
import ReactMarkdown, { type Components, type ExtraProps } from 'react-markdown';
import rehypeSlug from 'rehype-slug';
import remarkGfm from 'remark-gfm';
import { CodeBlock } from '@/components/ui/markdown/code-block';
import '@/components/ui/markdown/markdown.css';
import { safeUrl } from '@/components/ui/markdown/safe-url';

const isSitePath = (value: string) =>
  value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\');

/** Site paths and fragments stay; anything else must pass the chat's safe-URL rule. */
export const articleUrl = (value: string) => (isSitePath(value.trim()) ? value.trim() : safeUrl(value));

function heading(Tag: 'h2' | 'h3' | 'h4' | 'h5' | 'h6') {
  // The id comes from rehype-slug (GitHub's slugs, unique per post, made once per parse).
  return function Heading({ node: _node, id, children }: ComponentProps<'h2'> & ExtraProps) {
    return (
      <Tag id={id} className="article-heading">
        {children}{' '}
        {id && (
          <a href={`#${id}`} className="article-heading__anchor" aria-label="Link to this section">
            #
          </a>
        )}
      </Tag>
    );
  };
}

// Post headings start at h2: the page's h1 is the post title.
const components: Components = {
  h1: heading('h2'),
  h2: heading('h2'),
  h3: heading('h3'),
  h4: heading('h4'),
  h5: heading('h5'),
  h6: heading('h6'),
  a: Link,
  img: Image,
  pre: CodeBlock,
};

function Link({ node: _node, href, children, ...props }: ComponentProps<'a'> & ExtraProps) {
  if (!href) return <span>{children}</span>;
  if (href.startsWith('#') || isSitePath(href))
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
  if (typeof src === 'string' && isSitePath(src)) return <img src={src} alt={alt ?? ''} loading="lazy" />;
  return typeof src === 'string' && src ? <Link href={src}>{`Image: ${alt || 'untitled'}`}</Link> : null;
}

const remarkPlugins = [remarkGfm];
const rehypePlugins = [rehypeSlug];

export function ArticleMarkdown({ children }: { children: string }) {
  return (
    <div className="markdown article-markdown">
      <ReactMarkdown
        remarkPlugins={remarkPlugins}
        rehypePlugins={rehypePlugins}
        components={components}
        urlTransform={articleUrl}
      >
        {children}
      </ReactMarkdown>
    </div>
  );
}
