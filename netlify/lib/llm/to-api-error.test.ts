import { describe, expect, it } from 'vitest';
import { ProviderError } from './provider-error';
import { providerFailureToApiError } from './to-api-error';

describe('providerFailureToApiError', () => {
  it('tells the caller what a provider failure means for them', () => {
    const map = (error: ProviderError) => {
      const apiError = providerFailureToApiError(error);
      return { code: apiError.code, status: apiError.status, retryAfter: apiError.headers['retry-after'] };
    };
    expect(map(new ProviderError('rejected', 'x', { status: 400 }))).toEqual({
      code: 'VALIDATION_FAILED',
      status: 400,
      retryAfter: undefined,
    });
    expect(map(new ProviderError('rate_limited', 'x', { status: 429, retryAfterSeconds: 7 }))).toEqual({
      code: 'UNAVAILABLE',
      status: 503,
      retryAfter: '7',
    });
    expect(map(new ProviderError('rate_limited', 'x'))).toMatchObject({ status: 503, retryAfter: '5' });
    expect(map(new ProviderError('timeout', 'x'))).toMatchObject({ code: 'UPSTREAM_FAILED', status: 502 });
    expect(map(new ProviderError('failed', 'x', { status: 500 }))).toMatchObject({
      code: 'UPSTREAM_FAILED',
      status: 502,
    });
    expect(map(new ProviderError('misconfigured', 'x', { status: 401 }))).toMatchObject({
      code: 'UPSTREAM_FAILED',
      status: 502,
    });
  });
});
