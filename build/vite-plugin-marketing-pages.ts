/**
 * Vite plugin: the marketing pages `/` and `/pricing` as static HTML (ADR 0083). Each has its own
 * HTML template at its URL's file (index.html, pricing/index.html) with its own small entry
 * script, beside the SPA's app.html; this plugin adds the three as the build's inputs and fills
 * the templates' `<!--marketing-page-->` outlet with the page rendered by
 * src/app/marketing/render-page.tsx — at build time into dist/, and in the dev server on each
 * request (so `npm run dev` and the e2e tests see what a deploy serves).
 *
 * The pricing page is rendered with the catalog read from Supabase with the anon key, like the
 * blog feeds: a Netlify build fails without it; a local build without the variables or a
 * reachable API writes the pages with what it can (the pricing page then loads its catalog in
 * the browser) and says so.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createServer, loadEnv, type Plugin, type ViteDevServer } from 'vite';
import type * as RenderPage from '../src/app/marketing/render-page.tsx';

type Env = Record<string, string | undefined>;
type RenderModule = typeof RenderPage;

const renderModule = '/src/app/marketing/render-page.tsx';
const htmlInputs = { app: 'app.html', landing: 'index.html', pricing: 'pricing/index.html' };

/** Renders the marketing pages (those whose template is in `files`, by default all of them). */
async function renderPages(
  load: () => Promise<RenderModule>,
  readTemplate: (file: string) => Promise<string>,
  onCatalogError: (error: Error) => void,
  files?: string[],
): Promise<{ file: string; html: string }[]> {
  const module = await load();
  const pages = module.marketingPages.filter((page) => !files || files.includes(page.file));
  // Only the pricing page shows the catalog.
  const catalog = pages.some((page) => page.path === '/pricing')
    ? await module.loadCatalog().catch((error: Error) => {
        onCatalogError(error);
        return null;
      })
    : null;
  return Promise.all(
    pages.map(async (page) => ({
      file: page.file,
      html: module.fillTemplate(await readTemplate(page.file), page, module.renderPage(page, catalog)),
    })),
  );
}

/** A throw-away SSR server for the build, without this config's plugins (no dev functions). */
async function ssrServer(root: string, mode: string, alias: Record<string, string>): Promise<ViteDevServer> {
  return createServer({
    root,
    mode,
    configFile: false,
    logLevel: 'error',
    appType: 'custom',
    resolve: { alias },
    server: { middlewareMode: true, hmr: false, ws: false, watch: null },
    optimizeDeps: { noDiscovery: true, include: [] },
  });
}

export function marketingPages(): Plugin {
  let root = '';
  let mode = 'production';
  let outDir = 'dist';
  let env: Env = {};
  let alias: Record<string, string> = {};
  let warn: (message: string) => void = console.warn;

  return {
    name: 'marketing-pages',
    config(config) {
      const base = config.root ?? process.cwd();
      return {
        build: {
          rolldownOptions: {
            input: Object.fromEntries(
              Object.entries(htmlInputs).map(([name, file]) => [name, path.resolve(base, file)]),
            ),
          },
        },
      };
    },
    configResolved(config) {
      root = config.root;
      mode = config.mode;
      outDir = path.resolve(config.root, config.build.outDir);
      env = { ...loadEnv(config.mode, config.envDir || config.root, ''), ...process.env };
      alias = Object.fromEntries(
        config.resolve.alias.flatMap((entry) =>
          typeof entry.find === 'string' ? [[entry.find, entry.replacement]] : [],
        ),
      );
      warn = (message) => config.logger.warn(message);
    },
    configureServer(vite) {
      // After netlify.toml's SPA rule has pointed the request at a file (dev/functions/spa-fallback.ts)
      // and the Netlify plugin has set its headers: a marketing page's template is served filled.
      vite.middlewares.use((req, res, next) => {
        const pathname = req.url?.split('?')[0];
        const file = pathname === '/' ? 'index.html' : pathname?.replace(/^\//, '');
        if (file !== htmlInputs.landing && file !== htmlInputs.pricing) return next();
        const url = req.originalUrl ?? req.url ?? '/';
        renderPages(
          () => vite.ssrLoadModule(renderModule) as Promise<RenderModule>,
          async (template) => vite.transformIndexHtml(url, await readFile(path.join(root, template), 'utf8')),
          (error) => warn(`[marketing-pages] the pricing catalog could not be read: ${error.message}`),
          [file],
        ).then(([page]) => {
          res.setHeader('content-type', 'text/html; charset=utf-8');
          res.end(page?.html);
        }, next);
      });
    },
    async closeBundle() {
      if (!this.environment || this.environment.config.command !== 'build') return;
      const onNetlify = env.NETLIFY === 'true';
      const missing = ['VITE_SUPABASE_URL', 'VITE_SUPABASE_ANON_KEY'].filter((name) => !env[name]);
      if (missing.length) {
        const message = `[marketing-pages] ${missing.join(' and ')} not set: / and /pricing are written without their prerendered content`;
        if (onNetlify) throw new Error(message);
        warn(message);
        for (const file of [htmlInputs.landing, htmlInputs.pricing]) {
          const built = path.join(outDir, file);
          await writeFile(built, (await readFile(built, 'utf8')).replace('<!--marketing-page-->', ''));
        }
        return;
      }
      const server = await ssrServer(root, mode, alias);
      try {
        const pages = await renderPages(
          () => server.ssrLoadModule(renderModule) as Promise<RenderModule>,
          (file) => readFile(path.join(outDir, file), 'utf8'),
          (error) => {
            if (onNetlify) throw error;
            warn(
              `[marketing-pages] ${error.message}: /pricing is written without prices (the browser loads them)`,
            );
          },
        );
        for (const page of pages) await writeFile(path.join(outDir, page.file), page.html);
      } finally {
        await server.close();
      }
    },
  };
}
