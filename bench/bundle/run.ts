/**
 * `npm run bench -- bundle`: builds the site with a manifest and prints, per route, the gzip size
 * of the JavaScript its first load needs — what the browser fetches before the page works. For
 * the prerendered marketing pages (`/`, `/pricing`; ADR 0083) that is the page's own HTML entry
 * and its static imports; for the SPA's routes, app.html's entry, the route's lazy module and
 * everything they import statically. It also reports the Sentry chunk's size and whether it
 * carries Replay or Feedback. `--no-build` measures the existing dist/. Targets (issue 18):
 * landing and pricing ≤ 90 kB, chat ≤ 200 kB.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}
type Manifest = Record<string, ManifestChunk>;

const root = path.resolve(import.meta.dirname, '../..');
const dist = path.join(root, 'dist');

/**
 * Each measured route: the HTML entry the browser is served (app.html, or a marketing page's
 * own), and for the SPA the module its route lazily loads (see src/features/<name>/routes.tsx).
 */
const routes: { route: string; html: string; module?: string; targetKb?: number }[] = [
  { route: '/', html: 'index.html', targetKb: 90 },
  { route: '/pricing', html: 'pricing/index.html', targetKb: 90 },
  { route: '/sign-up', html: 'app.html', module: 'src/features/auth/components/sign-up-page.tsx' },
  { route: '/dashboard', html: 'app.html', module: 'src/features/dashboard/components/dashboard-page.tsx' },
  { route: '/chat', html: 'app.html', module: 'src/features/chat/components/chat-page.tsx', targetKb: 200 },
  { route: '/billing', html: 'app.html', module: 'src/features/billing/components/billing-page.tsx' },
];

if (!process.argv.includes('--no-build')) {
  const build = spawnSync('npx', ['vite', 'build', '--manifest', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const manifest = JSON.parse(readFileSync(path.join(dist, '.vite', 'manifest.json'), 'utf8')) as Manifest;
const gzipBytes = new Map<string, number>();
const gzipOf = (file: string) => {
  let size = gzipBytes.get(file);
  if (size === undefined) {
    size = gzipSync(readFileSync(path.join(dist, file))).length;
    gzipBytes.set(file, size);
  }
  return size;
};

/** The chunk files `keys` need before they run: themselves and their static imports, transitively. */
function staticClosure(keys: string[]): Set<string> {
  const files = new Set<string>();
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`${key} is not in the build manifest`);
    if (chunk.file.endsWith('.js')) files.add(chunk.file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  keys.forEach(visit);
  return files;
}

const kb = (bytes: number) => (bytes / 1000).toFixed(1);

console.log('| route | JS chunks | gzip kB | target |');
console.log('| --- | ---: | ---: | --- |');
let failed = false;
for (const { route, html, module, targetKb } of routes) {
  const files = staticClosure(module ? [html, module] : [html]);
  const bytes = [...files].reduce((sum, file) => sum + gzipOf(file), 0);
  const verdict =
    targetKb === undefined ? '' : bytes / 1000 <= targetKb ? `≤ ${targetKb} ✓` : `≤ ${targetKb} ✗`;
  if (targetKb !== undefined && bytes / 1000 > targetKb) failed = true;
  console.log(`| ${route} | ${files.size} | ${kb(bytes)} | ${verdict} |`);
}

const sentry = Object.values(manifest).find((chunk) => chunk.src?.includes('@sentry/react'));
const sentryFile = sentry?.file ?? Object.values(manifest).find((chunk) => /sentry/i.test(chunk.file))?.file;
if (sentryFile) {
  const code = readFileSync(path.join(dist, sentryFile), 'utf8');
  const carries = ['replayIntegration', 'feedbackIntegration', 'rrweb'].filter((name) => code.includes(name));
  console.log(
    `\nSentry chunk ${sentryFile}: ${kb(gzipOf(sentryFile))} kB gzip, loaded only with a DSN; ` +
      (carries.length ? `carries ${carries.join(', ')}` : 'no Replay or Feedback'),
  );
}
process.exit(failed ? 1 : 0);
