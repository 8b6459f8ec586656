/**
 * The chat journey in a real browser, through the real gateway and the local LLM stand-in: sign
 * up, hire, chat, watch an answer stream in, stop a slow one mid-way, and check that the balance
 * the page shows dropped by exactly what the credit ledger recorded.
 *
 * The stand-in takes its behaviour from directives in the prompt (dev/stand-ins/llm/README.md):
 * `[[llm:tokens=N]]` answers with N tokens, `[[llm:rate=R]]` streams R tokens per second,
 * `[[llm:stream-error=N]] [[llm:once]]` breaks the first answer to a prompt after N tokens.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage } from './browser';
import { asSuperuser, compilePages, signUpNewUser } from './journeys';

/** The exact available figure, from the header balance's name ("1.2M credits, 1,234,567 available: …"). */
async function shownBalance(page: Page): Promise<number> {
  const name = await page.getByRole('button', { name: /available: balance details$/ }).textContent();
  return Number(/, ([\d,]+) available/.exec(name ?? '')?.[1]?.replace(/,/g, ''));
}

/** The text of the last message bubble of the conversation. */
const lastMessage = (conversation: Locator) => conversation.locator('li.chat-message').last();
/** The text of the last answer shown (not its "Thinking…" placeholder nor its actions). */
const lastText = (conversation: Locator) =>
  conversation.locator('li.chat-message--assistant .chat-message__content').last();

/**
 * After Stop the gateway keeps draining the provider (up to a minute) to meter the exact usage,
 * so a stopped call is settled only once the provider finished or the drain gave up.
 */
const settleWithinMs = 90_000;

interface Settled {
  usage: number;
  ledgerTotal: number;
  /** token_usage outcomes, oldest first. */
  outcomes: string[];
}

/**
 * What the database says once every call of the user is settled (no active reservation left and
 * one token_usage row per call): the credits the usage ledger rows took and the sum of all rows.
 */
async function settledLedger(email: string, calls: number): Promise<Settled> {
  const deadline = Date.now() + settleWithinMs;
  for (;;) {
    const settled = await asSuperuser(async (client) => {
      const { rows } = await client.query<{
        usage: string;
        total: string;
        outcomes: string[];
        active: string;
      }>(
        `select
           (select coalesce(sum(amount), 0) from public.credit_ledger l where l.user_id = u.id and l.kind = 'usage') as usage,
           (select coalesce(sum(amount), 0) from public.credit_ledger l where l.user_id = u.id) as total,
           (select coalesce(array_agg(t.status order by t.created_at), '{}') from public.token_usage t where t.user_id = u.id) as outcomes,
           (select count(*) from public.credit_reservations r where r.user_id = u.id and r.status = 'active') as active
         from auth.users u where u.email = $1`,
        [email],
      );
      const row = rows[0];
      if (!row || Number(row.active) > 0 || row.outcomes.length < calls) return null;
      return { usage: Number(row.usage), ledgerTotal: Number(row.total), outcomes: row.outcomes };
    });
    if (settled) return settled;
    if (Date.now() > deadline)
      throw new Error(`the calls of ${email} were not settled within ${settleWithinMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('chat journey', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
    await compilePages(browser, ['/sign-up', '/marketplace/ada-code-reviewer', '/chat']);
  }, 600_000);
  afterAll(() => browser?.close());

  it('streams an answer, stops another mid-way, and the balance drops by what the ledger says', async () => {
    const { page, pageErrors } = await openPage(browser);
    const email = await signUpNewUser(page, 'chat', '/marketplace/ada-code-reviewer');
    await page.waitForURL('**/marketplace/ada-code-reviewer');
    await page.getByRole('button', { name: 'Hire Ada' }).click();
    await page.getByRole('link', { name: 'Ada is hired: view your workforce' }).waitFor();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Chat' }).click();
    await page.waitForURL('**/chat');
    // The only hire is chosen: its card, and the composer ready.
    await page.getByRole('heading', { level: 2, name: 'Ada' }).waitFor();
    await page.getByRole('button', { name: /available: balance details$/ }).waitFor();
    const before = await shownBalance(page);
    expect(before).toBeGreaterThan(0);
    // The signup grant is the whole ledger so far, and the page shows it.
    expect((await settledLedger(email, 0)).ledgerTotal).toBe(before);

    const conversation = page.getByRole('region', { name: 'Conversation' });
    const message = page.getByRole('textbox', { name: 'Message' });

    // An answer of 30 tokens at 10 per second: seen growing, then complete and priced.
    await message.fill('Please review this function. [[llm:tokens=30]] [[llm:rate=10]]');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.waitForURL('**/chat/*');
    await page.getByRole('button', { name: 'Stop' }).waitFor();
    await expect
      .poll(async () => (await lastText(conversation).textContent())?.trim().length ?? 0, {
        timeout: 30_000,
      })
      .toBeGreaterThan(5);
    const early = (await lastText(conversation).textContent()) ?? '';
    await expect
      .poll(async () => (await lastText(conversation).textContent())?.length ?? 0, { timeout: 30_000 })
      .toBeGreaterThan(early.length);
    await page.getByRole('button', { name: 'Send' }).waitFor({ timeout: 30_000 });
    await lastMessage(conversation)
      .getByText(/\d credits$/)
      .waitFor();

    // A slow answer (150 tokens at 10 per second), stopped once it has started.
    const previous = (await lastText(conversation).textContent()) ?? '';
    await message.fill('Now explain it line by line. [[llm:tokens=150]] [[llm:rate=10]]');
    await page.getByRole('button', { name: 'Send' }).click();
    // The new answer has started (not the previous one still last).
    await expect
      .poll(
        async () => {
          const text = (await lastText(conversation).textContent())?.trim() ?? '';
          return text !== previous.trim() && text.length > 5;
        },
        { timeout: 30_000 },
      )
      .toBe(true);
    await page.getByRole('button', { name: 'Stop' }).click();
    await page.getByRole('button', { name: 'Send' }).waitFor();
    await lastMessage(conversation).getByText('Stopped', { exact: true }).waitFor({ timeout: 30_000 });

    // Both calls are settled in the ledger; the page shows exactly the balance they left.
    const settled = await settledLedger(email, 2);
    expect(settled.outcomes).toEqual(['ok', 'stopped']);
    expect(settled.usage).toBeLessThan(0);
    expect(settled.ledgerTotal).toBe(before + settled.usage);
    await expect.poll(() => shownBalance(page), { timeout: 30_000 }).toBe(before + settled.usage);
    await page.reload();
    await page.getByRole('button', { name: /available: balance details$/ }).waitFor();
    expect(await shownBalance(page)).toBe(before + settled.usage);

    await page.screenshot({ path: '.local/e2e-chat.png', fullPage: true });

    // The dashboard counts the same two calls and the same credits, by model.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
    const byModel = page.getByRole('table', { name: 'Usage by model' });
    await byModel.waitFor({ timeout: 60_000 });
    const rows = byModel.getByRole('row').filter({ has: page.getByRole('rowheader') });
    let calls = 0;
    let credits = 0;
    for (const row of await rows.all()) {
      const cells = row.getByRole('cell');
      calls += Number(await cells.nth(2).textContent());
      credits += Number((await cells.nth(0).getAttribute('title'))?.replace(/\D/g, ''));
    }
    expect(calls).toBe(2);
    expect(credits).toBe(-settled.usage);
    await page.screenshot({ path: '.local/e2e-dashboard.png', fullPage: true });
    expect(pageErrors).toEqual([]);
  }, 300_000);

  it('answers a message again after its answer failed, without showing or storing it twice', async () => {
    const { page, pageErrors } = await openPage(browser);
    const email = await signUpNewUser(page, 'retry', '/marketplace/ada-code-reviewer');
    await page.waitForURL('**/marketplace/ada-code-reviewer');
    await page.getByRole('button', { name: 'Hire Ada' }).click();
    await page.getByRole('link', { name: 'Ada is hired: view your workforce' }).waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Chat' }).click();
    await page.getByRole('heading', { level: 2, name: 'Ada' }).waitFor();

    const conversation = page.getByRole('region', { name: 'Conversation' });
    const text = 'Check my migration. [[llm:stream-error=3]] [[llm:once]]';
    await page.getByRole('textbox', { name: 'Message' }).fill(text);
    await page.getByRole('button', { name: 'Send' }).click();
    const alert = page.getByRole('alert');
    await alert.getByRole('button', { name: 'Retry' }).click();
    await alert.waitFor({ state: 'detached' });
    await lastMessage(conversation)
      .getByText(/\d credits$/)
      .waitFor({ timeout: 30_000 });

    // On the page and in the database: the message once, then only the new answer.
    const bubbles = conversation.locator('li.chat-message');
    expect(await bubbles.count()).toBe(2);
    expect(await bubbles.first().locator('.chat-message__content').textContent()).toBe(text);
    await page.reload();
    await lastMessage(conversation)
      .getByText(/\d credits$/)
      .waitFor();
    expect(await conversation.locator('li.chat-message').count()).toBe(2);
    const stored = await asSuperuser(async (client) => {
      const { rows } = await client.query<{ role: string; status: string }>(
        `select m.role, m.status from public.chat_messages m
         join public.chat_sessions s on s.id = m.session_id
         join auth.users u on u.id = s.user_id
         where u.email = $1 order by m.created_at`,
        [email],
      );
      return rows.map((row) => `${row.role}:${row.status}`);
    });
    expect(stored).toEqual(['user:complete', 'assistant:error', 'assistant:complete']);
    expect(pageErrors).toEqual([]);
  }, 300_000);
});
