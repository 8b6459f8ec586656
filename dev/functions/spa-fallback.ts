/**
 * netlify.toml's one redirect — the SPA rule, `/* → /app.html 200` — as the dev server and
 * `vite preview` answer it (ADR 0083). Netlify serves an existing file first (a non-forced rule
 * never shadows one; a directory answers with its index.html), then the rule's target. The Vite
 * servers cannot rely on @netlify/vite-plugin for it: that plugin would serve the target as a raw
 * file (without Vite's HTML transform), and only ignores the rule when it points at index.html.
 * So the plugin's redirects are off in dev and this rewrites the request URL instead, before the
 * plugin runs, which then still applies netlify.toml's headers to the file it finds.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Connect, Plugin } from 'vite';

interface SpaRule {
  to: string;
}

/** The SPA rule of netlify.toml; fails on any other redirect, which this does not emulate. */
export function spaRuleOf(toml: string): SpaRule {
  const rules = [...toml.matchAll(/^\[\[redirects\]\]\s*\n((?:[ \t]+\S.*\n?)*)/gm)].map((match) => {
    const body = match[1] ?? '';
    const field = (name: string) => new RegExp(`^\\s*${name}\\s*=\\s*"?([^"\\n]+)"?`, 'm').exec(body)?.[1];
    return { from: field('from'), to: field('to'), status: field('status'), force: field('force') };
  });
  const [rule, ...others] = rules;
  if (!rule || others.length || rule.from !== '/*' || rule.status !== '200' || rule.force || !rule.to)
    throw new Error(
      'netlify.toml: the dev server emulates exactly one redirect, the SPA rule `/* → <file> 200` ' +
        '(dev/functions/spa-fallback.ts); teach it any other rule before adding one.',
    );
  return { to: rule.to };
}

const isFile = (file: string) => existsSync(file) && statSync(file).isFile();

/**
 * Where Netlify would answer `pathname` from, among `directories`: the file itself, a directory's
 * index.html, or the SPA rule's target. Undefined when the request is for a file that exists.
 */
export function spaRewrite(pathname: string, directories: string[], rule: SpaRule): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return rule.to;
  }
  const within = (directory: string, relative: string) => path.join(directory, path.normalize(relative));
  if (directories.some((directory) => isFile(within(directory, decoded)))) return undefined;
  const index = path.posix.join(decoded, 'index.html');
  if (directories.some((directory) => isFile(within(directory, index)))) return index;
  return rule.to;
}

/** Requests a browser makes for a page (what Vite's own HTML fallback answers), not Vite's own. */
function wantsPage(req: Connect.IncomingMessage, pathname: string): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (pathname.startsWith('/@') || pathname.startsWith('/__') || pathname === '/favicon.ico') return false;
  // A path with a file extension asks for a file (as Vite's own fallback reads it): the feeds the
  // build writes (/rss.xml, /sitemap.xml) are answered by their dev middleware, not the shell.
  if (/\.[a-z0-9]+$/i.test(pathname) && !pathname.endsWith('.html')) return false;
  const accept = req.headers.accept;
  return !accept || accept.includes('text/html') || accept.includes('*/*');
}

function rewriter(root: string, directories: string[]): Connect.NextHandleFunction {
  const rule = spaRuleOf(readFileSync(path.join(root, 'netlify.toml'), 'utf8'));
  return (req, _res, next) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (wantsPage(req, url.pathname)) {
      const target = spaRewrite(url.pathname, directories, rule);
      if (target) req.url = `${target}${url.search}`;
    }
    next();
  };
}

export function spaFallback(): Plugin {
  return {
    name: 'agi:netlify-spa-fallback',
    configureServer(vite) {
      const { root, publicDir } = vite.config;
      vite.middlewares.use(rewriter(root, [root, publicDir].filter(Boolean)));
    },
    configurePreviewServer(preview) {
      const outDir = path.resolve(preview.config.root, preview.config.build.outDir);
      preview.middlewares.use(rewriter(preview.config.root, [outDir]));
    },
  };
}
