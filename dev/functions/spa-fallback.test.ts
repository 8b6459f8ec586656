import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spaRewrite, spaRuleOf } from './spa-fallback';

const root = path.resolve(import.meta.dirname, '../..');

describe("netlify.toml's SPA rule in the Vite servers", () => {
  let site: string;
  beforeAll(async () => {
    site = await mkdtemp(path.join(os.tmpdir(), 'spa-fallback-'));
    await mkdir(path.join(site, 'pricing'));
    await mkdir(path.join(site, 'assets'));
    for (const file of ['index.html', 'app.html', 'pricing/index.html', 'assets/a.js'])
      await writeFile(path.join(site, file), file);
  });
  afterAll(() => rm(site, { recursive: true, force: true }));

  it('reads the one rule of the project, and refuses a netlify.toml with rules it does not emulate', () => {
    expect(spaRuleOf(readFileSync(path.join(root, 'netlify.toml'), 'utf8'))).toEqual({ to: '/app.html' });
    const spa = '[[redirects]]\n  from = "/*"\n  to = "/app.html"\n  status = 200\n';
    expect(() =>
      spaRuleOf(`${spa}\n[[redirects]]\n  from = "/old"\n  to = "/new"\n  status = 301\n`),
    ).toThrow(/emulates exactly one redirect/);
    expect(() => spaRuleOf(spa.replace('status = 200', 'status = 200\n  force = true'))).toThrow();
    expect(() => spaRuleOf('')).toThrow();
  });

  it('serves files and directory indexes first, and the rule’s target for everything else', () => {
    const rule = { to: '/app.html' };
    expect(spaRewrite('/assets/a.js', [site], rule)).toBeUndefined();
    expect(spaRewrite('/', [site], rule)).toBe('/index.html');
    expect(spaRewrite('/pricing', [site], rule)).toBe('/pricing/index.html');
    expect(spaRewrite('/pricing/', [site], rule)).toBe('/pricing/index.html');
    expect(spaRewrite('/chat/123', [site], rule)).toBe('/app.html');
    expect(spaRewrite('/assets/missing.js', [site], rule)).toBe('/app.html');
    // Nothing outside the site's directories is found by climbing out of them.
    expect(spaRewrite('/../spa-fallback.test.ts', [site], rule)).toBe('/app.html');
    expect(spaRewrite('/%E0%A4%A', [site], rule)).toBe('/app.html');
  });
});
