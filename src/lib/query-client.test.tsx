import { describe, expect, it } from 'vitest';
import { ApiClientError } from './api-client-error';
import { shouldRetry } from './query-client';
import { toDataError } from './supabase-result';

describe('shouldRetry', () => {
  it('does not retry client errors: the same request would fail the same way', () => {
    for (const [status, code] of [
      [400, 'VALIDATION_FAILED'],
      [401, 'UNAUTHENTICATED'],
      [402, 'INSUFFICIENT_CREDITS'],
      [404, 'NOT_FOUND'],
      [429, 'RATE_LIMITED'],
    ] as const) {
      expect(shouldRetry(0, new ApiClientError({ status, code }))).toBe(false);
    }
  });

  it('retries server and network failures twice', () => {
    const unavailable = new ApiClientError({ status: 0, code: 'UNAVAILABLE' });
    const internal = new ApiClientError({ status: 500, code: 'INTERNAL' });
    expect([0, 1, 2].map((count) => shouldRetry(count, unavailable))).toEqual([true, true, false]);
    expect(shouldRetry(0, internal)).toBe(true);
    expect(shouldRetry(0, new TypeError('Failed to fetch'))).toBe(true);
  });

  it('does not retry PostgREST client errors either', () => {
    expect(shouldRetry(0, toDataError({ code: 'PGRST116', message: 'Cannot coerce' }, 406))).toBe(false);
    expect(shouldRetry(0, toDataError({ code: '42501', message: 'permission denied' }, 403))).toBe(false);
  });
});

describe('toDataError', () => {
  it('shows messages raised by our own SQL functions, and hides raw database messages', () => {
    const raised = toDataError({ code: 'P0001', message: 'You have already hired this employee.' }, 400);
    expect(raised).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
      message: 'You have already hired this employee.',
    });

    const limited = toDataError(
      { code: 'PT429', message: 'You can open at most 10 support tickets a day.' },
      429,
    );
    expect(limited).toMatchObject({
      status: 429,
      code: 'RATE_LIMITED',
      message: 'You can open at most 10 support tickets a day.',
    });

    const unique = toDataError(
      { code: '23505', message: 'duplicate key value violates unique constraint "x"' },
      409,
    );
    expect(unique.code).toBe('CONFLICT');
    expect(unique.message).not.toContain('duplicate key');

    expect(toDataError({ code: 'PGRST116', message: 'Cannot coerce the result' }, 406).code).toBe(
      'NOT_FOUND',
    );
  });
});
