import { describe, expect, it } from 'vitest';
import { scrubEvent, scrubString } from './scrub';

const jwt =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwicm9sZSI6ImF1dGhlbnRpY2F0ZWQifQ.c2lnbmF0dXJlX2hlcmU';

describe('Sentry scrubber', () => {
  it('removes emails, JWTs, Stripe keys and webhook secrets from free text', () => {
    const text = `user jane.doe+x@example.co.uk sent ${jwt} with sk_live_51Habc123 and whsec_abcDEF123 and sk_test_9z`;
    const scrubbed = scrubString(text);
    expect(scrubbed).not.toMatch(/jane|example\.co|eyJ|sk_live|sk_test|whsec_/);
    expect(scrubbed).toBe('user [email] sent [jwt] with [stripe-key] and [webhook-secret] and [stripe-key]');
  });

  it('filters Authorization and Cookie headers and secret-named fields, keeping counts', () => {
    const event = scrubEvent({
      request: {
        headers: { Authorization: 'Bearer abc.def', cookie: 'sb=1', 'x-request-id': 'req-12345678' },
        data: { password: 'hunter2', api_key: 'k', usage: { output_tokens: 12 } },
      },
    });
    expect(event.request).toEqual({
      headers: { Authorization: '[Filtered]', cookie: '[Filtered]', 'x-request-id': 'req-12345678' },
      data: { password: '[Filtered]', api_key: '[Filtered]', usage: { output_tokens: 12 } },
    });
  });

  it('keeps only the user id and scrubs nested exception messages', () => {
    const event = scrubEvent({
      user: { id: 'u-1', email: 'a@b.io', ip_address: '198.51.100.1', username: 'a' },
      exception: { values: [{ type: 'Error', value: `duplicate key for a@b.io (token ${jwt})` }] },
      breadcrumbs: [{ message: 'Bearer sometoken123' }],
    });
    expect(event.user).toEqual({ id: 'u-1' });
    expect(event.exception.values[0]?.value).toBe('duplicate key for [email] (token [jwt])');
    expect(event.breadcrumbs[0]?.message).toBe('Bearer [Filtered]');
  });

  it('survives circular structures', () => {
    const extra: Record<string, unknown> = { note: 'x@y.dev' };
    extra.self = extra;
    const event = scrubEvent({ extra });
    expect(event.extra).toEqual({ note: '[email]', self: '[Circular]' });
  });
});
