// Public content under RLS (drafts and scheduled posts invisible, unpublished FAQ hidden) and the
// build: a real `vite build` writes rss.xml, sitemap.xml and the prerendered post pages with
// exactly the published posts.
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool } from '../db/support/database';
import { anonClient, signUp } from '../rls/support/actors';

const root = path.resolve(import.meta.dirname, '../../..');
const db = createPool(3);
const suffix = Math.random().toString(36).slice(2, 8);
const slugs = {
  published: `published-${suffix}`,
  draft: `draft-${suffix}`,
  scheduled: `scheduled-${suffix}`,
};

beforeAll(async () => {
  await db.query(
    `insert into public.blog_posts (slug, title, excerpt, body, author_name, tags, published_at) values
       ($1, 'A published post & more', 'Published <excerpt>', '## Hello', 'Tester', '{testing}', now() - interval '1 hour'),
       ($2, 'A draft', 'Draft', 'secret draft', 'Tester', '{testing}', null),
       ($3, 'A scheduled post', 'Scheduled', 'secret plan', 'Tester', '{testing}', now() + interval '7 days')`,
    [slugs.published, slugs.draft, slugs.scheduled],
  );
  await db.query(`insert into public.faq_items (question, answer, published) values ($1, 'hidden', false)`, [
    `Unpublished question ${suffix}?`,
  ]);
});

afterAll(async () => {
  await db.query('delete from public.blog_posts where slug = any($1)', [Object.values(slugs)]);
  await db.end();
});

const publishedSlugs = async () =>
  (
    await db.query<{ slug: string }>(
      'select slug from public.blog_posts where published_at <= now() order by published_at desc',
    )
  ).rows.map((row) => row.slug);

describe('who sees which posts', () => {
  it('visitors and members see published posts only; drafts and scheduled posts do not exist for them', async () => {
    const member = await signUp('blog-reader');
    for (const client of [anonClient(), member.client]) {
      const { data } = await client.from('blog_posts').select('slug').in('slug', Object.values(slugs));
      expect(data).toEqual([{ slug: slugs.published }]);
      const draft = await client.from('blog_posts').select('body').eq('slug', slugs.draft).maybeSingle();
      expect(draft.data).toBeNull();
    }
  });

  it('an unpublished FAQ item is hidden', async () => {
    const { data } = await anonClient().from('faq_items').select('question').like('question', `%${suffix}%`);
    expect(data).toEqual([]);
  });
});

describe('npm run build', () => {
  let outDir: string;
  beforeAll(async () => {
    outDir = await mkdtemp(path.join(os.tmpdir(), 'dist-blog-'));
    process.env.URL = 'https://agents.example.com';
    process.env.CONTEXT = 'production';
    await build({
      root,
      configFile: path.join(root, 'vite.config.ts'),
      logLevel: 'error',
      build: { outDir, emptyOutDir: true, sourcemap: false },
    });
  }, 240_000);
  afterAll(async () => {
    delete process.env.URL;
    delete process.env.CONTEXT;
    await rm(outDir, { recursive: true, force: true });
  });

  it('rss.xml lists exactly the published posts, newest first', async () => {
    const rss = await readFile(path.join(outDir, 'rss.xml'), 'utf8');
    const links = [...rss.matchAll(/<item>[\s\S]*?<link>([^<]+)<\/link>/g)].map((match) => match[1]);
    expect(links).toEqual((await publishedSlugs()).map((slug) => `https://agents.example.com/blog/${slug}`));
    expect(rss).toContain('<title>A published post &amp; more</title>');
    expect(rss).toContain('<description>Published &lt;excerpt&gt;</description>');
    expect(rss).not.toContain(slugs.draft);
    expect(rss).not.toContain(slugs.scheduled);
  });

  it('sitemap.xml lists the public pages and exactly the published posts', async () => {
    const sitemap = await readFile(path.join(outDir, 'sitemap.xml'), 'utf8');
    const locs = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => match[1]);
    const posts = locs.filter((loc) => loc?.includes('/blog/'));
    expect(posts.sort()).toEqual(
      (await publishedSlugs()).map((slug) => `https://agents.example.com/blog/${slug}`).sort(),
    );
    expect(locs).toEqual(
      expect.arrayContaining(['https://agents.example.com/', 'https://agents.example.com/faq']),
    );
  });

  it('prerenders each published post with its own title, description and Open Graph / Twitter tags', async () => {
    expect((await readdir(path.join(outDir, 'blog'))).sort()).toEqual((await publishedSlugs()).sort());
    const html = await readFile(path.join(outDir, 'blog', slugs.published, 'index.html'), 'utf8');
    expect(html).toContain('<title>A published post &amp; more · AGI Agent Automation</title>');
    expect(html).toContain('<meta property="og:title" content="A published post &amp; more" />');
    expect(html).toContain('<meta name="twitter:card" content="summary" />');
    expect(html).toContain(
      `<link rel="canonical" href="https://agents.example.com/blog/${slugs.published}" />`,
    );
    expect(html.match(/property="og:title"/g)).toHaveLength(1);
    expect(html.match(/<title>/g)).toHaveLength(1);
    // Still the SPA: the same scripts as its shell, app.html (index.html is the landing page).
    const index = await readFile(path.join(outDir, 'app.html'), 'utf8');
    const script = /<script type="module"[^>]*src="([^"]+)"/.exec(index)?.[1];
    expect(script && html.includes(script)).toBe(true);
  });
});
