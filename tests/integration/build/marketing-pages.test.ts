// The build's marketing pages (ADR 0083): a real `vite build` writes / and /pricing as static
// HTML with the page in it — the pricing page with the catalog the database has — each loading
// only its own small scripts, beside the SPA's shell app.html, which netlify.toml's SPA rule
// serves for every other path.
import { readFile, rm, mkdtemp, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool } from '../db/support/database';

const root = path.resolve(import.meta.dirname, '../../..');
const db = createPool(1);
let outDir: string;

beforeAll(async () => {
  outDir = await mkdtemp(path.join(os.tmpdir(), 'dist-marketing-'));
  // Vitest sets NODE_ENV=test, which would bundle React's development build: build as a deploy does.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      root,
      configFile: path.join(root, 'vite.config.ts'),
      logLevel: 'error',
      build: { outDir, emptyOutDir: true, sourcemap: false },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}, 240_000);

afterAll(async () => {
  await db.end();
  await rm(outDir, { recursive: true, force: true });
});

const page = (file: string) => readFile(path.join(outDir, file), 'utf8');

/** gzip kB of the JavaScript a page's HTML makes the browser fetch: its scripts and modulepreloads. */
async function scriptKb(html: string): Promise<number> {
  const files = [
    ...html.matchAll(/<script type="module"[^>]*src="([^"]+)"/g),
    ...html.matchAll(/<link rel="modulepreload"[^>]*href="([^"]+)"/g),
  ].map((match) => match[1]!);
  expect(files.length).toBeGreaterThan(0);
  let bytes = 0;
  for (const file of files) bytes += gzipSync(await readFile(path.join(outDir, file))).length;
  return bytes / 1000;
}

describe('npm run build', () => {
  it('writes the landing page with its content, header and footer, and ≤ 90 kB gzip of scripts', async () => {
    const html = await page('index.html');
    expect(html).toContain('<title>AGI Agent Automation — hire AI employees</title>');
    expect(html).toMatch(/<h1[^>]*>Hire AI employees that get real work done<\/h1>/);
    expect(html).toMatch(/href="\/sign-up"[^>]*>Get started free<\/a>/);
    expect(html).toMatch(/href="\/pricing"[^>]*>See full pricing and token packs<\/a>/);
    expect(html).toMatch(/<nav class="main-nav" id="[^"]+" aria-label="Main">/);
    expect(html).toContain('<footer class="site-footer">');
    expect(html).not.toContain('<!--marketing-page-->');
    expect(await scriptKb(html)).toBeLessThanOrEqual(90);
  });

  it('writes the pricing page with the database’s plans and packs, and ≤ 90 kB gzip of scripts', async () => {
    const html = await page('pricing/index.html');
    expect(html).toContain('<title>Pricing · AGI Agent Automation</title>');
    expect(html).toContain('<h1>Pricing</h1>');
    const plans = (
      await db.query<{ name: string; cents: number }>(
        `select p.name, pp.amount_cents::int as cents from public.plans p
           join public.plan_prices pp on pp.plan_id = p.id and pp.interval = 'month' and pp.is_active
          where p.is_active order by p.position`,
      )
    ).rows;
    expect(plans.length).toBeGreaterThan(0);
    for (const plan of plans) {
      expect(html).toContain(`<h2>${plan.name}</h2>`);
      expect(html).toContain(`Start with ${plan.name}</a>`);
    }
    const packs = (await db.query<{ name: string }>('select name from public.token_packs where is_active'))
      .rows;
    for (const pack of packs) expect(html).toContain(`<td>${pack.name}</td>`);
    // The catalog it was rendered from, for the browser to hydrate with before it refreshes.
    const json = /<script type="application\/json" id="pricing-catalog">([^<]*)<\/script>/.exec(html)?.[1];
    const catalog = JSON.parse(json ?? 'null') as { plans: { name: string }[] };
    expect(catalog.plans.map((plan) => plan.name)).toEqual(expect.arrayContaining(plans.map((p) => p.name)));
    expect(await scriptKb(html)).toBeLessThanOrEqual(90);
  });

  it('writes the SPA shell as app.html, the file netlify.toml serves for every other path', async () => {
    const toml = await readFile(path.join(root, 'netlify.toml'), 'utf8');
    const target = /from = "\/\*"\s+to = "([^"]+)"\s+status = 200/.exec(toml)?.[1];
    expect(target).toBe('/app.html');
    const html = await page('app.html');
    expect(html).toContain('<div id="root"></div>');
    expect(html).toMatch(/<script type="module" crossorigin src="\/assets\/app-[^"]+\.js">/);
    expect(html).not.toContain('Hire AI employees that get real work done');
    // No inline script anywhere (the CSP admits none); the pricing data block is not a script.
    for (const file of ['index.html', 'pricing/index.html', 'app.html']) {
      const inline = [...(await page(file)).matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)].map((m) => m[1]);
      expect(inline.every((attributes) => attributes?.includes('type="application/json"'))).toBe(true);
    }
    await expect(stat(path.join(outDir, 'pricing', 'index.html'))).resolves.toBeTruthy();
  });
});
