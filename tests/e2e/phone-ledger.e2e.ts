/**
 * The money screens on a phone (390×844, issue 18): the ledger is a list, not a table wider than
 * the screen; nothing scrolls sideways; the ledger filter shows each choice in full; the
 * dashboard's stats sit two per row.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appUrl, launchBrowser } from './browser';
import { compilePages, signUpNewUser } from './journeys';

const phone = { width: 390, height: 844 };

/** The elements reaching past the window's right edge (none when nothing scrolls sideways). */
const sidewaysOverflow = (page: Page) =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width) return [];
    return (
      [...document.querySelectorAll('body *')]
        .filter((element) => element.getBoundingClientRect().right > width + 0.5)
        // Content clipped away (visually hidden text, the phone ledger's hidden header row) is not seen.
        .filter((element) => {
          for (let node: Element | null = element; node; node = node.parentElement) {
            const style = getComputedStyle(node);
            if (style.clipPath !== 'none' || node.classList.contains('visually-hidden')) return false;
          }
          return true;
        })
        .slice(0, 8)
        .map(
          (element) =>
            `${element.tagName.toLowerCase()}.${[...element.classList].join('.')} → ${Math.round(element.getBoundingClientRect().right)}px`,
        )
    );
  });

describe('money screens on a phone', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
    await compilePages(browser, ['/sign-up', '/billing', '/dashboard']);
  }, 600_000);
  afterAll(() => browser?.close());

  it('ledger as a list, full filter labels, no sideways scroll, dashboard stats two per row', async () => {
    const context = await browser.newContext({ baseURL: appUrl(), viewport: phone });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await signUpNewUser(page, 'phoneledger', '/billing');

    // The free allowance's grant is the new account's first ledger row.
    const ledger = page.locator('table.ledger-table');
    const firstRow = ledger.locator('tbody tr').first();
    await firstRow.waitFor({ timeout: 60_000 });
    const layout = await ledger.evaluate((table) => {
      const row = table.querySelector('tbody tr')!;
      const cell = row.querySelector('td')!;
      return {
        rowDisplay: getComputedStyle(row).display,
        headVisible: (table.querySelector('thead') as HTMLElement).getBoundingClientRect().height > 1,
        label: getComputedStyle(cell, '::before').content,
        tableRight: table.getBoundingClientRect().right,
        cellsStacked: [...row.querySelectorAll('td')].every(
          (td, index, all) =>
            index === 0 ||
            td.getBoundingClientRect().top >= all[index - 1]!.getBoundingClientRect().bottom - 1,
        ),
      };
    });
    // A list: each row a block of labelled lines, one under the other, the header row hidden.
    expect(layout.rowDisplay).toBe('block');
    expect(layout.headVisible).toBe(false);
    expect(layout.label).toBe('"Date"');
    expect(layout.cellsStacked).toBe(true);
    expect(layout.tableRight).toBeLessThanOrEqual(phone.width);
    expect(
      await firstRow
        .getByText(/allowance/i)
        .first()
        .isVisible(),
    ).toBe(true);
    expect(await sidewaysOverflow(page)).toEqual([]);

    // Every filter choice fits its control: the text is not cut off.
    const filter = page.getByRole('combobox', { name: 'Show' });
    const choices = await filter.locator('option').allTextContents();
    expect(choices.length).toBeGreaterThan(1);
    for (const choice of choices) {
      await filter.selectOption({ label: choice });
      const fit = await filter.evaluate((select: HTMLSelectElement) => {
        const style = getComputedStyle(select);
        const probe = document.createElement('span');
        probe.textContent = select.selectedOptions[0]?.textContent ?? '';
        probe.style.font = style.font;
        probe.style.position = 'absolute';
        probe.style.whiteSpace = 'nowrap';
        document.body.append(probe);
        const text = probe.getBoundingClientRect().width;
        probe.remove();
        const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        return { text, room, right: select.getBoundingClientRect().right };
      });
      expect({ choice, fits: fit.text <= fit.room }).toEqual({ choice, fits: true });
      expect(fit.right).toBeLessThanOrEqual(phone.width);
    }
    expect(await sidewaysOverflow(page)).toEqual([]);

    // The dashboard's stats: two per row, each about half the width.
    await page.goto('/dashboard');
    const stats = page.locator('.dashboard-stats .stat');
    await stats.first().waitFor({ timeout: 60_000 });
    const boxes = await stats.evaluateAll((elements) =>
      elements.map((element) => {
        const box = element.getBoundingClientRect();
        return { top: Math.round(box.top), width: box.width };
      }),
    );
    const group = await page
      .locator('.dashboard-stats')
      .evaluate((element) => element.getBoundingClientRect().width);
    expect(boxes.length).toBeGreaterThanOrEqual(2);
    expect(boxes[0]!.top).toBe(boxes[1]!.top);
    for (const box of boxes) expect(box.width / group).toBeGreaterThan(0.4);
    for (const box of boxes) expect(box.width / group).toBeLessThan(0.55);
    if (boxes[2]) expect(boxes[2].top).toBeGreaterThan(boxes[0]!.top);
    expect(await sidewaysOverflow(page)).toEqual([]);

    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
