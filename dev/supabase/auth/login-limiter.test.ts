import { describe, expect, it } from 'vitest';
import { FailedLoginLimiter } from './login-limiter';

describe('FailedLoginLimiter', () => {
  const minute = 60_000;

  it('blocks after the tenth failure within the window and releases as failures age out', () => {
    let now = 0;
    const limiter = new FailedLoginLimiter(10, 5 * minute, () => now);
    for (let i = 0; i < 9; i += 1) {
      limiter.recordFailure('a@example.test');
      now += 1000;
    }
    expect(limiter.isBlocked('a@example.test')).toBe(false);
    limiter.recordFailure('a@example.test');
    expect(limiter.isBlocked('a@example.test')).toBe(true);
    expect(limiter.isBlocked('b@example.test')).toBe(false);

    // The first failure (t=0) leaves the 5-minute window: 9 remain.
    now = 5 * minute + 1;
    expect(limiter.isBlocked('a@example.test')).toBe(false);
  });

  it('forgets failures after a successful sign-in', () => {
    const limiter = new FailedLoginLimiter(2, minute, () => 0);
    limiter.recordFailure('a@example.test');
    limiter.recordFailure('a@example.test');
    expect(limiter.isBlocked('a@example.test')).toBe(true);
    limiter.reset('a@example.test');
    expect(limiter.isBlocked('a@example.test')).toBe(false);
  });
});
