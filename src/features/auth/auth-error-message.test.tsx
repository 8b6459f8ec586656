import {
  AuthApiError,
  AuthRetryableFetchError,
  AuthSessionMissingError,
  AuthWeakPasswordError,
} from '@supabase/auth-js';
import { describe, expect, it } from 'vitest';
import { authErrorMessage } from './auth-error-message';

describe('authErrorMessage', () => {
  it('explains the codes the sign-in and sign-up forms meet', () => {
    expect(authErrorMessage(new AuthApiError('Invalid login credentials', 400, 'invalid_credentials'))).toBe(
      'That email and password do not match. Check them and try again.',
    );
    expect(authErrorMessage(new AuthApiError('User already registered', 422, 'user_already_exists'))).toMatch(
      /already exists/,
    );
    expect(authErrorMessage(new AuthApiError('Email not confirmed', 400, 'email_not_confirmed'))).toMatch(
      /confirm your email/,
    );
    expect(
      authErrorMessage(
        new AuthWeakPasswordError('Password should be at least 6 characters.', 422, ['length']),
      ),
    ).toMatch(/stronger password/);
    expect(
      authErrorMessage(new AuthApiError('Request rate limit reached', 429, 'over_request_rate_limit')),
    ).toMatch(/Too many attempts/);
  });

  it('never shows the server text of an unknown code', () => {
    const message = authErrorMessage(
      new AuthApiError('internal detail: pq error 23505', 400, 'some_new_code'),
    );
    expect(message).toBe('Something unexpected went wrong. Please try again.');
    expect(authErrorMessage(new AuthApiError('slow down', 429, undefined))).toMatch(/Too many attempts/);
  });

  it('tells network failures from server failures', () => {
    expect(authErrorMessage(new AuthRetryableFetchError('Failed to fetch', 0))).toMatch(
      /could not reach the server/,
    );
    expect(authErrorMessage(new AuthRetryableFetchError('Database error saving new user', 500))).toMatch(
      /wrong on our side/,
    );
  });

  it('asks to sign in again when the session is gone', () => {
    expect(authErrorMessage(new AuthSessionMissingError())).toBe(
      'Your session has ended. Please sign in again.',
    );
    expect(
      authErrorMessage(
        new AuthApiError('Invalid Refresh Token: Already Used', 400, 'refresh_token_already_used'),
      ),
    ).toBe('Your session has ended. Please sign in again.');
  });

  it('describes anything else generically', () => {
    expect(authErrorMessage(new TypeError('x is undefined'))).toBe(
      'Something unexpected went wrong. Please try again.',
    );
  });
});
