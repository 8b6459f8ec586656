/**
 * Guards on netlify.toml and the functions directory: the deploy settings other parts rely on, a
 * CSP that still admits the one inline script Vite injects in development, and every function
 * routed under /api (or scheduled).
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
const toml = readFileSync(path.join(root, 'netlify.toml'), 'utf8');
const csp = /Content-Security-Policy = "([^"]+)"/.exec(toml)?.[1] ?? '';
const directive = (name: string) =>
  csp
    .split(';')
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${name} `)) ?? '';

describe('netlify.toml', () => {
  it('builds the SPA into dist and deploys the functions with esbuild', () => {
    expect(toml).toMatch(/^\s*command = "npm run build"$/m);
    expect(toml).toMatch(/^\s*publish = "dist"$/m);
    expect(toml).toMatch(/^\s*directory = "netlify\/functions"$/m);
    expect(toml).toMatch(/^\s*node_bundler = "esbuild"$/m);
    expect(toml).toMatch(/from = "\/\*"\s+to = "\/app.html"\s+status = 200/);
    for (const context of ['production', 'deploy-preview', 'branch-deploy'])
      expect(toml).toContain(`[context.${context}.environment]`);
  });

  it('allows the inline fast-refresh preamble Vite injects in development, by hash', () => {
    const preamble = react.preambleCode.replace('__BASE__', '/');
    const hash = createHash('sha256').update(preamble).digest('base64');
    expect(directive('script-src')).toBe(`script-src 'self' 'sha256-${hash}'`);
  });

  it('loads images only from the app, data/blob URLs and the Supabase Storage origin', () => {
    expect(directive('img-src')).toBe(
      "img-src 'self' data: blob: https://*.supabase.co http://127.0.0.1:* http://localhost:*",
    );
  });

  it('lets the browser reach Supabase and Sentry, and nothing of Stripe', () => {
    const connect = directive('connect-src');
    expect(connect).toContain('https://*.supabase.co');
    // Realtime: the hosted project's WebSocket, and locally the API port's ws:// origin; no
    // other WebSocket origin.
    const sockets = connect.split(' ').filter((source) => /^wss?:/.test(source));
    expect(sockets.sort()).toEqual(['ws://127.0.0.1:*', 'ws://localhost:*', 'wss://*.supabase.co']);
    for (const region of ['', '.us', '.de']) expect(connect).toContain(`https://*.ingest${region}.sentry.io`);
    expect(csp).not.toMatch(/stripe/);
    expect(directive('frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(directive('object-src')).toBe("object-src 'none'");
  });
});

describe('netlify/functions', () => {
  const entries = readdirSync(path.join(root, 'netlify/functions')).filter(
    (file) => /\.m?ts$/.test(file) && !file.endsWith('.test.ts'),
  );

  // Background functions (`*-background`) may be invoked only internally, without a public path.
  it.each(entries)('%s is routed under /api, scheduled, or a background function', async (file) => {
    const module = (await import(path.join(root, 'netlify/functions', file))) as {
      default: unknown;
      config?: { path?: string | string[]; schedule?: string };
    };
    expect(typeof module.default).toBe('function');
    const paths = [module.config?.path ?? []].flat();
    for (const route of paths) expect(route).toMatch(/^\/api\//);
    if (module.config?.schedule) expect(paths).toEqual([]);
    else if (!/-background\.m?ts$/.test(file)) expect(paths.length).toBeGreaterThan(0);
  });
});
