/**
 * The team-run journey in a real browser, through the real functions (the API answers 202 and the
 * background worker runs the steps), the engine and the LLM stand-in: hire three employees, start
 * a run, watch the lanes stream, reload mid-run and see it carry on, read the result and a total
 * equal to the ledger; then cancel a second run mid-way.
 */
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage } from './browser';
import { asSuperuser, compilePages, signUpNewUser } from './journeys';

const team = [
  { slug: 'ada-code-reviewer', name: 'Ada' },
  { slug: 'linus-devops', name: 'Linus' },
  { slug: 'grace-backend', name: 'Grace' },
];

async function hire(page: Page, slug: string, name: string) {
  await page.goto(`/marketplace/${slug}`);
  await page.getByRole('button', { name: `Hire ${name}` }).click();
  await page.getByRole('link', { name: `${name} is hired: view your workforce` }).waitFor();
}

/** What the ledger charged for the run's steps, once its hold is released (the run is closed). */
async function settledRun(runId: string): Promise<number> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const charged = await asSuperuser(async (client) => {
      const { rows } = await client.query<{ closed: boolean; charged: string }>(
        `select r.closed_at is not null as closed,
                (select coalesce(-sum(l.amount), 0) from public.credit_ledger l where l.request_id like 'run:' || r.id || ':step:%') as charged
         from public.runs r where r.id = $1`,
        [runId],
      );
      return rows[0]?.closed ? Number(rows[0].charged) : undefined;
    });
    if (charged !== undefined) return charged;
    if (Date.now() > deadline) throw new Error(`run ${runId} did not close in time`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const shownTotal = async (page: Page) =>
  Number((await page.getByTestId('run-total').textContent())?.replace(/\D/g, ''));

async function startRun(page: Page, task: string) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Team runs' }).click();
  await page.waitForURL('**/team-runs');
  await page.getByLabel('Task').fill(task);
  for (const member of team) await page.getByRole('checkbox', { name: new RegExp(member.name) }).check();
  await page.getByRole('button', { name: 'Start the run' }).click();
  await page.waitForURL(/\/team-runs\/[0-9a-f-]{36}$/);
  return new URL(page.url()).pathname.split('/').at(-1)!;
}

const lane = (page: Page, name: string) => page.getByRole('article', { name });

describe('team-run journey', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
    await compilePages(browser, ['/sign-up', '/marketplace/ada-code-reviewer', '/team-runs']);
  }, 600_000);
  afterAll(() => browser?.close());

  it('streams the lanes, survives a reload, shows the result and a total equal to the ledger; cancels another run', async () => {
    const { page, pageErrors } = await openPage(browser);
    await signUpNewUser(page, 'team', '/marketplace/ada-code-reviewer');
    await page.waitForURL('**/marketplace/ada-code-reviewer');
    for (const member of team) await hire(page, member.slug, member.name);

    // Every call streams 30 tokens a second: the contributions take about four seconds.
    const runId = await startRun(page, 'Design our release process. [[llm:tokens=120]] [[llm:rate=30]]');
    await page.getByRole('heading', { name: 'Plan', level: 3 }).waitFor();
    const ada = lane(page, 'Ada');
    await ada.getByText('Working').waitFor({ timeout: 30_000 });
    await expect
      .poll(async () => (await ada.textContent())?.length ?? 0, { timeout: 15_000 })
      .toBeGreaterThan(120);

    // A reload mid-run shows everything so far and keeps following.
    await page.reload();
    await lane(page, 'Grace').waitFor();
    await expect
      .poll(async () => (await lane(page, 'Linus').textContent())?.length ?? 0)
      .toBeGreaterThan(120);
    const result = page.getByRole('region', { name: 'Result' });
    await result.waitFor({ timeout: 60_000 });
    await page.getByText('Completed').first().waitFor();
    expect((await result.textContent())?.length).toBeGreaterThan(100);

    // The result downloads as a Markdown file named after the run, holding what the page shows.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      result.getByRole('link', { name: 'Download .md' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^[a-z0-9-]+\.md$/);
    const file = await readFile(await download.path(), 'utf8');
    expect(file.length).toBeGreaterThan(100);
    const firstLine = file
      .trim()
      .split('\n')[0]!
      .replace(/^[#>*\-\s]+/, '');
    expect(await result.textContent()).toContain(firstLine.slice(0, 40));

    const charged = await settledRun(runId);
    expect(charged).toBeGreaterThan(0);
    await expect.poll(() => shownTotal(page), { timeout: 15_000 }).toBe(charged);
    await page.screenshot({ path: '.local/e2e-team-run.png', fullPage: true });

    // A second, slow run, cancelled while the employees work.
    const slowId = await startRun(page, 'Audit our infrastructure. [[llm:tokens=600]] [[llm:rate=30]]');
    await lane(page, 'Ada').getByText('Working').waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Cancel this run' }).click();
    await page
      .getByRole('alert')
      .getByText(/You cancelled this run/)
      .waitFor({ timeout: 15_000 });
    const cancelledCharge = await settledRun(slowId);
    await expect.poll(() => shownTotal(page), { timeout: 15_000 }).toBe(cancelledCharge);
    expect(await page.getByRole('button', { name: 'Cancel this run' }).count()).toBe(0);
    await page.screenshot({ path: '.local/e2e-team-run-cancelled.png', fullPage: true });

    // The list shows both runs with their status.
    await page.getByRole('link', { name: '← All team runs' }).click();
    await page
      .getByRole('link', { name: 'Audit our infrastructure. [[llm:tokens=600]] [[llm:rate=30]]' })
      .waitFor();
    await page.getByText('Cancelled').first().waitFor();
    expect(pageErrors).toEqual([]);
  }, 300_000);
});
