/**
 * The marketing pages served as HTML of their own (ADR 0083): `/` and `/pricing` arrive
 * rendered — content readable before any script runs — with a small script of their own (no
 * router, query cache or Supabase client for a signed-out visitor), while every other path is
 * still the SPA's shell. Someone signed in gets the SPA over the page, with the header they know.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appUrl, launchBrowser, openPage } from './browser';
import { compilePages, signUpNewUser } from './journeys';

const rawHtml = async (path: string) => {
  const response = await fetch(new URL(path, appUrl()), { headers: { accept: 'text/html' } });
  return { response, html: await response.text() };
};

/** The module URLs a page requested (Vite serves each source module and dependency on its own). */
function recordScripts(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') urls.push(new URL(request.url()).pathname);
  });
  return urls;
}

const spaRuntime = /react-router|@tanstack|@supabase|supabase-js|\/src\/main\.tsx|\/src\/app\/app\.tsx|zod/;

describe('marketing pages', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
    await compilePages(browser, ['/', '/pricing', '/sign-up']);
  }, 600_000);
  afterAll(() => browser?.close());

  it('answers / and /pricing with the page already in the HTML, and deep links with the SPA shell', async () => {
    const landing = await rawHtml('/');
    expect(landing.response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(landing.html).toContain('Hire AI employees that get real work done');
    expect(landing.html).toMatch(
      /<a class="btn btn--primary btn--lg" href="\/sign-up"[^>]*>Get started free<\/a>/,
    );
    expect(landing.html).toContain('<nav class="main-nav"');
    expect(landing.html).toContain('<footer class="site-footer">');
    expect(landing.html).not.toContain('/src/main.tsx');

    // The prices are the database's (the seeded catalog), rendered on the server.
    const pricing = await rawHtml('/pricing');
    expect(pricing.html).toContain('<title>Pricing · AGI Agent Automation</title>');
    expect(pricing.html).toContain('<h1>Pricing</h1>');
    expect(pricing.html).toContain('Start with Pro');
    expect(pricing.html).toMatch(/<td>\$\d+<\/td>/);
    expect(pricing.html).not.toContain('page-spinner');

    for (const deepLink of ['/chat/00000000-0000-4000-8000-000000000000', '/billing?checkout=success']) {
      const spa = await rawHtml(deepLink);
      expect(spa.response.status).toBe(200);
      expect(spa.response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(spa.html).toContain('<div id="root"></div>');
      expect(spa.html).toContain('/src/main.tsx');
      expect(spa.html).not.toContain('Hire AI employees that get real work done');
    }
  });

  it('gives a signed-out visitor the landing page without the SPA, and a working phone menu', async () => {
    const { page, pageErrors } = await openPage(browser);
    const scripts = recordScripts(page);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: /Hire AI employees/ }).waitFor();
    const menu = page.getByRole('button', { name: 'Menu' });
    await page.waitForLoadState('networkidle');
    await menu.click();
    await expect(menu.getAttribute('aria-expanded')).resolves.toBe('true');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Pricing' }).waitFor();
    await menu.click();
    await expect(menu.getAttribute('aria-expanded')).resolves.toBe('false');
    expect(scripts.filter((url) => spaRuntime.test(url))).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('hydrates the pricing page: the interval switch works and the links lead into the app', async () => {
    const { page, pageErrors } = await openPage(browser);
    const scripts = recordScripts(page);
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    await page.goto('/pricing');
    await page.waitForLoadState('networkidle');
    const yearly = page.getByRole('button', { name: 'Yearly (2 months free)' });
    await yearly.click();
    await expect(yearly.getAttribute('aria-pressed')).resolves.toBe('true');
    await page.getByText('/ year').first().waitFor();
    expect(scripts.filter((url) => spaRuntime.test(url))).toEqual([]);
    // A hydration mismatch is reported on the console; there must be none.
    expect(consoleErrors).toEqual([]);

    await page.getByRole('link', { name: 'Start with Pro' }).click();
    await page.waitForURL('**/sign-up?next=%2Fbilling');
    await page.getByRole('button', { name: 'Create account' }).waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('gives a signed-in member the SPA on /: the member navigation and the way to their dashboard', async () => {
    const { page, pageErrors } = await openPage(browser);
    await signUpNewUser(page, 'marketing');
    await page.goto('/');
    const hero = page.locator('section.hero');
    await hero.getByRole('link', { name: 'Go to your dashboard' }).waitFor({ timeout: 60_000 });
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Dashboard' }).waitFor();
    await page.getByRole('button', { name: 'Account menu' }).waitFor({ timeout: 60_000 });

    await page.goto('/pricing');
    await page.getByRole('link', { name: 'Choose Pro' }).waitFor({ timeout: 60_000 });
    await page.getByRole('link', { name: 'Choose Pro' }).click();
    await page.waitForURL('**/billing');
    expect(pageErrors).toEqual([]);
  });
});
