import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage } from './browser';

describe('landing page', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('renders what the product is, with a way in', async () => {
    const { page, pageErrors } = await openPage(browser);
    await page.goto('/');
    const heading = page.getByRole('heading', { level: 1 });
    await expect(heading.textContent()).resolves.toMatch(/AI employees/i);
    expect(
      await page
        .getByRole('link', { name: /get started/i })
        .first()
        .getAttribute('href'),
    ).toBe('/sign-up');
    expect(await page.title()).toMatch(/AGI Agent Automation/);
    expect(pageErrors).toEqual([]);
  });

  it('reaches /api/health through the same origin', async () => {
    const { page } = await openPage(browser);
    await page.goto('/');
    const health = await page.evaluate(async () => {
      const response = await fetch('/api/health');
      return { status: response.status, body: (await response.json()) as { status: string } };
    });
    expect(health.status).toBe(200);
    expect(health.body.status).toBe('ok');
  });
});
