/**
 * Vite plugin: at build time, writes rss.xml, sitemap.xml and the prerendered post pages
 * (blog/<slug>/index.html) into the output directory from the published posts; in the dev
 * server, answers /rss.xml and /sitemap.xml the same way on request.
 *
 * Without a reachable database: a Netlify build fails (a deploy must never publish feeds that
 * silently miss posts); a local or CI build without one writes the feeds with no posts and says so.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadEnv, type Plugin } from 'vite';
import {
  fetchPublishedPosts,
  renderPostPage,
  renderRss,
  renderSitemap,
  type FeedPost,
} from './blog-feeds.ts';

type Env = Record<string, string | undefined>;

/** The public origin links should use: the production URL, or this deploy's own on previews. */
export function siteUrlFrom(env: Env): string {
  const url =
    (env.CONTEXT === 'production' ? env.URL : (env.DEPLOY_PRIME_URL ?? env.URL)) ??
    env.VITE_APP_URL ??
    env.APP_URL ??
    'http://localhost:5173';
  return url.replace(/\/$/, '');
}

async function loadPosts(env: Env, warn: (message: string) => void): Promise<FeedPost[]> {
  const onNetlify = env.NETLIFY === 'true';
  const url = env.VITE_SUPABASE_URL;
  const key = env.VITE_SUPABASE_ANON_KEY;
  try {
    if (!url || !key) throw new Error('VITE_SUPABASE_URL and VITE_SUPABASE_ANON_KEY are not set');
    return await fetchPublishedPosts(url, key);
  } catch (error) {
    if (onNetlify) throw error;
    warn(`[blog-feeds] ${(error as Error).message}: rss.xml and sitemap.xml are written without posts`);
    return [];
  }
}

export function blogFeeds(): Plugin {
  let env: Env = {};
  let outDir = 'dist';
  let isBuild = false;
  let warn: (message: string) => void = console.warn;

  return {
    name: 'blog-feeds',
    configResolved(config) {
      env = { ...loadEnv(config.mode, config.envDir || config.root, ''), ...process.env };
      outDir = path.resolve(config.root, config.build.outDir);
      isBuild = config.command === 'build';
      warn = (message) => config.logger.warn(message);
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const route = req.url?.split('?')[0];
        if (route !== '/rss.xml' && route !== '/sitemap.xml') return next();
        void loadPosts(env, warn).then(
          (posts) => {
            const siteUrl = siteUrlFrom(env);
            res.setHeader(
              'content-type',
              route === '/rss.xml' ? 'application/rss+xml; charset=utf-8' : 'application/xml; charset=utf-8',
            );
            res.end(route === '/rss.xml' ? renderRss(posts, siteUrl) : renderSitemap(posts, siteUrl));
          },
          (error: unknown) => next(error),
        );
      });
    },
    async closeBundle() {
      if (!isBuild) return;
      const posts = await loadPosts(env, warn);
      const siteUrl = siteUrlFrom(env);
      await writeFile(path.join(outDir, 'rss.xml'), renderRss(posts, siteUrl));
      await writeFile(path.join(outDir, 'sitemap.xml'), renderSitemap(posts, siteUrl));
      // The SPA's shell (index.html is the prerendered landing page; ADR 0083).
      const indexHtml = await readFile(path.join(outDir, 'app.html'), 'utf8');
      for (const post of posts) {
        const dir = path.join(outDir, 'blog', post.slug);
        await mkdir(dir, { recursive: true });
        await writeFile(path.join(dir, 'index.html'), renderPostPage(indexHtml, post, siteUrl));
      }
    },
  };
}
