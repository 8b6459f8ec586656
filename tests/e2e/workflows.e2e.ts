/**
 * The workflow journey in a real browser, through the real functions, the background worker, the
 * engine and the LLM stand-in: install a template in one click, edit a prompt and save a new
 * version, run it, watch the steps on the timeline, read the result and a total equal to the
 * ledger, download a step's output; then schedule it and see the run the sweeper creates.
 */
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage } from './browser';
import { asSuperuser, compilePages, signUpNewUser } from './journeys';

/** What the ledger charged for the run's steps, once its hold is released (the run is closed). */
async function settledRun(runId: string): Promise<number> {
  const deadline = Date.now() + 90_000;
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

describe('workflow journey', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
    await compilePages(browser, ['/sign-up', '/workflows']);
  }, 600_000);
  afterAll(() => browser?.close());

  it('installs a template, edits, runs and watches it, matches the ledger, and is run by its schedule', async () => {
    const { page, pageErrors } = await openPage(browser);
    await signUpNewUser(page, 'workflows', '/workflows');
    await page.waitForURL('**/workflows');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Workflows' }).waitFor();

    // One click: the employees are hired and the workflow opens as version 1.
    await page.getByRole('button', { name: 'Install Support reply drafting' }).click();
    await page.waitForURL(/\/workflows\/[0-9a-f-]{36}$/, { timeout: 30_000 });
    const workflowId = new URL(page.url()).pathname.split('/').at(-1)!;
    await page.getByRole('heading', { name: 'Support reply drafting', level: 1 }).waitFor();
    await page.getByText('Version 1', { exact: true }).first().waitFor();

    // Edit the first prompt: an unknown variable is flagged inline, then fixed and saved.
    const triage = page.getByRole('listitem', { name: '1. Triage' });
    const prompt = triage.getByLabel('Prompt');
    await prompt.fill('Classify {{input.tikcet}}');
    await triage.getByText('Unknown input "tikcet" in {{input.tikcet}}.').waitFor();
    await prompt.fill('Classify this message as URGENT or ROUTINE: ');
    await triage.getByRole('button', { name: '+ Customer message' }).click();
    await expect.poll(() => prompt.inputValue()).toContain('{{input.ticket}}');
    await prompt.press('End');
    await prompt.pressSequentially(' [[llm:tokens=40]] [[llm:rate=40]]');
    await page.getByRole('button', { name: 'Save new version' }).click();
    await page.getByText('Version 2').first().waitFor({ timeout: 15_000 });

    // Run now with the input; the live view follows the steps.
    await page.getByLabel('Customer message').fill('The export button does nothing since this morning.');
    await page.getByRole('button', { name: 'Run now' }).click();
    await page.waitForURL(/\/runs\/[0-9a-f-]{36}$/, { timeout: 30_000 });
    const runId = new URL(page.url()).pathname.split('/').at(-1)!;
    const triageStep = page.getByRole('listitem', { name: 'Triage' });
    await triageStep.getByText('Working', { exact: true }).waitFor({ timeout: 30_000 });
    await page.getByRole('status').getByText('Completed').waitFor({ timeout: 90_000 });
    await page.getByRole('listitem', { name: 'Escalation note' }).getByText('Skipped').waitFor();
    const result = page.getByRole('region', { name: 'Result' });
    expect(await result.count()).toBe(0); // the final step was skipped: no result block
    const reply = page.getByRole('listitem', { name: 'Draft reply' });
    await reply.getByText('Done').waitFor();

    const charged = await settledRun(runId);
    expect(charged).toBeGreaterThan(0);
    await expect.poll(() => shownTotal(page), { timeout: 15_000 }).toBe(charged);
    const stepCredits = async (key: string) =>
      Number((await page.getByTestId(`step-credits-${key}`).textContent())?.replace(/\D/g, ''));
    expect(
      (await stepCredits('triage')) + (await stepCredits('reply')) + (await stepCredits('escalation')),
    ).toBe(charged);

    // A step's output downloads as a Markdown file.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      reply.getByRole('link', { name: 'Download .md' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^[a-z0-9-]+\.md$/);
    expect((await readFile(await download.path(), 'utf8')).length).toBeGreaterThan(20);
    await page.screenshot({ path: '.local/e2e-workflow-run.png', fullPage: true });

    // Schedule it: the next five runs show before saving.
    await page.getByRole('link', { name: '← Support reply drafting' }).click();
    await page.getByRole('button', { name: 'Add schedule' }).click();
    const schedule = page.getByRole('region', { name: 'Schedules' });
    await schedule
      .getByLabel('Cron expression')
      .waitFor()
      .catch(async (error: unknown) => {
        await page.screenshot({ path: '.local/e2e-workflow-schedule-failed.png', fullPage: true });
        throw error;
      });
    await schedule.getByLabel('Cron expression').fill('* * * * *');
    await schedule.getByLabel('Input: Customer message').fill('Scheduled check-in. [[llm:tokens=5]]');
    await expect.poll(() => schedule.getByLabel('Next five runs').getByRole('listitem').count()).toBe(5);
    await schedule.getByRole('button', { name: 'Save schedule' }).click();
    await page.getByText('* * * * *').waitFor();

    // Make its slot due now rather than waiting for the minute to turn twice; the sweeper (the
    // dev server fires run-sweeper every minute, as Netlify does) creates and dispatches the run.
    await asSuperuser((client) =>
      client.query(
        `update public.scheduled_tasks set next_run_at = now() - interval '1 second' where workflow_id = $1`,
        [workflowId],
      ),
    );
    const scheduledRun = await (async () => {
      const deadline = Date.now() + 150_000;
      for (;;) {
        const id = await asSuperuser(async (client) => {
          const { rows } = await client.query<{ id: string }>(
            `select id from public.workflow_runs where workflow_id = $1 and trigger = 'schedule'`,
            [workflowId],
          );
          return rows[0]?.id;
        });
        if (id) return id;
        if (Date.now() > deadline) throw new Error('the sweeper created no scheduled run');
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
    })();
    await settledRun(scheduledRun);
    await page.reload();
    await page
      .getByRole('region', { name: 'Run history' })
      .getByText(/Schedule · v2/)
      .waitFor({ timeout: 30_000 });
    expect(pageErrors).toEqual([]);
  }, 400_000);
});
