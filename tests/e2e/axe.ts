/**
 * axe-core in the page under test: injects the engine and returns the WCAG 2.x A/AA violations,
 * one line each (rule, impact, the first offending elements), so a failing assertion says what
 * to fix. Every page state an e2e journey reaches is checked with `expectNoViolations`.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  impact: string | null;
  nodes: { target: string[]; failureSummary?: string }[];
}

export async function axeViolations(page: Page): Promise<string[]> {
  // Colours are measured as they end up, not halfway through a transition.
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        // Spinners and pulses run forever; only transitions and finite animations are waited for.
        .filter((animation) => animation.effect?.getComputedTiming().endTime !== Infinity)
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
  );
  // Evaluated over the DevTools protocol, not as an inline <script>: the page keeps its real CSP
  // (which refuses inline scripts) and axe still runs in it.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(context: Document, options: object): Promise<{ violations: Violation[] }> };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      resultTypes: ['violations'],
    });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      nodes: violation.nodes.map((node) => ({
        target: node.target,
        ...(node.failureSummary ? { failureSummary: node.failureSummary } : {}),
      })),
    }));
  });
  return violations.map(
    (violation) =>
      `${violation.id} (${violation.impact ?? 'n/a'}): ${violation.nodes
        .slice(0, 3)
        .map(
          (node) =>
            `${node.target.join(' ')}${node.failureSummary ? ` [${node.failureSummary.replace(/\s+/g, ' ')}]` : ''}`,
        )
        .join(' | ')}`,
  );
}

/** Asserts the page as it is now has no axe violation; `state` names it in the failure. */
export async function expectNoViolations(page: Page, state: string) {
  expect({ state, violations: await axeViolations(page) }).toEqual({ state, violations: [] });
}
