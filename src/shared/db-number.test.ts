import { expect, it } from 'vitest';
import { dbNumber } from './db-number';

it('reads numbers and numeric strings, and refuses what is not a number', () => {
  expect(dbNumber.parse(42)).toBe(42);
  expect(dbNumber.parse('9007199254740991')).toBe(9_007_199_254_740_991);
  expect(dbNumber.parse('0.75')).toBe(0.75);
  for (const bad of [null, undefined, '', ' ', 'abc', true])
    expect(dbNumber.safeParse(bad).success).toBe(false);
});
