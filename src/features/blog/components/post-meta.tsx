/**
 * The post's meta tags in <head> while the post is shown: the site-wide description and Open
 * Graph tags of index.html are overwritten (not duplicated) and restored on leaving. The build
 * prerenders the same tags into blog/<slug>/index.html for crawlers that do not run JavaScript.
 */
import { useEffect } from 'react';
import { useDocumentTitle } from '@/lib/use-document-title';
import type { Post } from '../schemas';

type HeadTag = { attribute: 'name' | 'property'; key: string; content: string };

function applyHeadTags(tags: HeadTag[], canonicalUrl: string): () => void {
  const undo: Array<() => void> = [];
  for (const { attribute, key, content } of tags) {
    let element = document.head.querySelector<HTMLMetaElement>(`meta[${attribute}="${key}"]`);
    if (element) {
      const previous = element.content;
      const existing = element;
      undo.push(() => (existing.content = previous));
    } else {
      element = document.createElement('meta');
      element.setAttribute(attribute, key);
      document.head.append(element);
      const created = element;
      undo.push(() => created.remove());
    }
    element.content = content;
  }
  const canonical = document.createElement('link');
  canonical.rel = 'canonical';
  canonical.href = canonicalUrl;
  document.head.append(canonical);
  undo.push(() => canonical.remove());
  return () => undo.reverse().forEach((step) => step());
}

export function PostMeta({ post }: { post: Post }) {
  useDocumentTitle(post.title);
  useEffect(() => {
    const url = `${window.location.origin}/blog/${post.slug}`;
    const image = post.cover_image_url
      ? new URL(post.cover_image_url, window.location.origin).toString()
      : undefined;
    const tags: HeadTag[] = [
      { attribute: 'name', key: 'description', content: post.excerpt },
      { attribute: 'property', key: 'og:type', content: 'article' },
      { attribute: 'property', key: 'og:title', content: post.title },
      { attribute: 'property', key: 'og:description', content: post.excerpt },
      { attribute: 'property', key: 'og:url', content: url },
      { attribute: 'property', key: 'article:published_time', content: post.published_at },
      { attribute: 'name', key: 'twitter:card', content: image ? 'summary_large_image' : 'summary' },
      { attribute: 'name', key: 'twitter:title', content: post.title },
      { attribute: 'name', key: 'twitter:description', content: post.excerpt },
      ...(image
        ? [
            { attribute: 'property', key: 'og:image', content: image } as const,
            { attribute: 'name', key: 'twitter:image', content: image } as const,
          ]
        : []),
    ];
    return applyHeadTags(tags, url);
  }, [post]);
  return null;
}
