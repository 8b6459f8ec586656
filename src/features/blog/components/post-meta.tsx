/**
 * The post's document metadata. React 19 hoists these into <head> (the build also prerenders
 * them into blog/<slug>/index.html for crawlers that do not run JavaScript).
 */
import { appName } from '@/lib/use-document-title';
import type { Post } from '../schemas';

export function PostMeta({ post }: { post: Post }) {
  const url = `${window.location.origin}/blog/${post.slug}`;
  const image = post.cover_image_url
    ? new URL(post.cover_image_url, window.location.origin).toString()
    : undefined;
  return (
    <>
      <title>{`${post.title} · ${appName}`}</title>
      <meta name="description" content={post.excerpt} />
      <link rel="canonical" href={url} />
      <meta property="og:type" content="article" />
      <meta property="og:title" content={post.title} />
      <meta property="og:description" content={post.excerpt} />
      <meta property="og:url" content={url} />
      <meta property="article:published_time" content={post.published_at} />
      <meta name="twitter:card" content={image ? 'summary_large_image' : 'summary'} />
      <meta name="twitter:title" content={post.title} />
      <meta name="twitter:description" content={post.excerpt} />
      {image && <meta property="og:image" content={image} />}
      {image && <meta name="twitter:image" content={image} />}
    </>
  );
}
