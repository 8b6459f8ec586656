/** The one number formatter: same output whatever the browser's locale, and nobody else formats. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import {
  formatCompactNumber,
  formatCount,
  formatCredits,
  formatCreditsExact,
  formatMoney,
  formatNumber,
} from './credits-format';

it('formats credits, counts and money in one locale', () => {
  expect(formatCredits(99_999)).toBe('99,999');
  expect(formatCredits(1_234_567)).toBe('1.2M');
  expect(formatCreditsExact(1_234_567)).toBe('1,234,567');
  expect(formatNumber(12_345)).toBe('12,345');
  expect(formatCompactNumber(12_345)).toBe('12.3K');
  expect(formatCount(9_999)).toBe('9,999');
  expect(formatCount(10_000)).toBe('10K');
  expect(formatMoney(2_000, 'usd')).toBe('$20');
  expect(formatMoney(1_999, 'usd')).toBe('$19.99');
});

it('is the only place in the SPA that formats numbers', () => {
  const root = path.resolve(import.meta.dirname, '..');
  const offenders: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const file = path.join(dir, name);
      if (statSync(file).isDirectory()) walk(file);
      else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && !file.endsWith('credits-format.ts')) {
        const source = readFileSync(file, 'utf8');
        if (/Intl\.NumberFormat|\.toLocaleString\(/.test(source)) offenders.push(path.relative(root, file));
      }
    }
  };
  walk(root);
  expect(offenders).toEqual([]);
});
