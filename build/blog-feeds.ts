/**
 * Build-time blog output (ADR 0039): rss.xml, sitemap.xml and one prerendered HTML page per post
 * (the SPA's index.html with the post's title, description, canonical URL, Open Graph and Twitter
 * tags), so feed readers and link previews — which do not run JavaScript — see every published
 * post. Posts are read from the Supabase REST API with the anon key, the same view a visitor has:
 * RLS hides drafts and scheduled posts, and the query filters on published_at as well.
 */
import { createClient } from '@supabase/supabase-js';
import { blogPostPath, isPublished } from '../src/shared/blog.ts';

export interface FeedPost {
  slug: string;
  title: string;
  excerpt: string;
  author_name: string;
  tags: string[];
  cover_image_url: string | null;
  published_at: string;
  updated_at: string;
}

/** Public pages of the SPA besides the posts, for the sitemap. */
export const staticSitePaths = ['/', '/pricing', '/marketplace', '/blog', '/faq', '/contact'];

class NoRealtime {
  constructor() {
    throw new Error('Realtime is not used by the build');
  }
}

export async function fetchPublishedPosts(
  supabaseUrl: string,
  anonKey: string,
  now = new Date(),
): Promise<FeedPost[]> {
  const client = createClient(supabaseUrl, anonKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    // Node 20 has no WebSocket; the build never subscribes.
    realtime: { transport: NoRealtime as never },
  });
  const { data, error } = await client
    .from('blog_posts')
    .select('slug, title, excerpt, author_name, tags, cover_image_url, published_at, updated_at')
    .not('published_at', 'is', null)
    .lte('published_at', now.toISOString())
    .order('published_at', { ascending: false });
  if (error) throw new Error(`reading blog posts failed: ${error.message}`);
  // Belt and braces: a build with a more privileged key must still publish only published posts.
  return (data as FeedPost[]).filter((post) => isPublished(post.published_at, now));
}

const escapeXml = (value: string) =>
  value.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!,
  );

const absolute = (siteUrl: string, pathOrUrl: string) => new URL(pathOrUrl, `${siteUrl}/`).toString();

export function renderRss(posts: FeedPost[], siteUrl: string, now = new Date()): string {
  const items = posts
    .map((post) => {
      const link = absolute(siteUrl, blogPostPath(post.slug));
      return `    <item>
      <title>${escapeXml(post.title)}</title>
      <link>${escapeXml(link)}</link>
      <guid isPermaLink="true">${escapeXml(link)}</guid>
      <pubDate>${new Date(post.published_at).toUTCString()}</pubDate>
      <dc:creator>${escapeXml(post.author_name)}</dc:creator>
${post.tags.map((tag) => `      <category>${escapeXml(tag)}</category>`).join('\n')}
      <description>${escapeXml(post.excerpt)}</description>
    </item>`;
    })
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>AGI Agent Automation — Blog</title>
    <link>${escapeXml(absolute(siteUrl, '/blog'))}</link>
    <atom:link href="${escapeXml(absolute(siteUrl, '/rss.xml'))}" rel="self" type="application/rss+xml" />
    <description>News, guides and ideas about working with AI employees.</description>
    <language>en</language>
    <lastBuildDate>${now.toUTCString()}</lastBuildDate>
${items}
  </channel>
</rss>
`;
}

export function renderSitemap(posts: FeedPost[], siteUrl: string): string {
  const urls = [
    ...staticSitePaths.map((path) => `  <url><loc>${escapeXml(absolute(siteUrl, path))}</loc></url>`),
    ...posts.map(
      (post) =>
        `  <url><loc>${escapeXml(absolute(siteUrl, blogPostPath(post.slug)))}</loc><lastmod>${new Date(
          post.updated_at > post.published_at ? post.updated_at : post.published_at,
        ).toISOString()}</lastmod></url>`,
    ),
  ];
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${urls.join('\n')}
</urlset>
`;
}

/** The post's meta tags, for the prerendered page (the SPA sets the same ones when it renders). */
export function postMetaTags(post: FeedPost, siteUrl: string): string {
  const url = absolute(siteUrl, blogPostPath(post.slug));
  const image = post.cover_image_url ? absolute(siteUrl, post.cover_image_url) : undefined;
  const tags: Array<[string, string, string]> = [
    ['name', 'description', post.excerpt],
    ['property', 'og:type', 'article'],
    ['property', 'og:title', post.title],
    ['property', 'og:description', post.excerpt],
    ['property', 'og:url', url],
    ['property', 'article:published_time', post.published_at],
    ['name', 'twitter:card', image ? 'summary_large_image' : 'summary'],
    ['name', 'twitter:title', post.title],
    ['name', 'twitter:description', post.excerpt],
    ...(image
      ? ([
          ['property', 'og:image', image],
          ['name', 'twitter:image', image],
        ] as Array<[string, string, string]>)
      : []),
  ];
  return [
    `<title>${escapeXml(post.title)} · AGI Agent Automation</title>`,
    `<link rel="canonical" href="${escapeXml(url)}" />`,
    ...tags.map(
      ([attribute, name, content]) => `<meta ${attribute}="${name}" content="${escapeXml(content)}" />`,
    ),
  ].join('\n    ');
}

/** index.html with the site-wide title, description and Open Graph tags replaced by the post's. */
export function renderPostPage(indexHtml: string, post: FeedPost, siteUrl: string): string {
  const withoutDefaults = indexHtml
    .replace(/<title>[\s\S]*?<\/title>\s*/, '')
    .replace(/<meta\s+name="description"[\s\S]*?\/>\s*/, '')
    .replace(/<meta\s+property="og:[^"]+"[\s\S]*?\/>\s*/g, '');
  return withoutDefaults.replace('</head>', `  ${postMetaTags(post, siteUrl)}\n  </head>`);
}
