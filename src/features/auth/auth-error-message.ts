/**
 * What to tell a person when Supabase Auth refuses something. auth-js exposes GoTrue's error code
 * (`error.code`); each code we can meet in these flows gets a sentence that says what happened and
 * what to do. Server messages are never shown as-is: they are written for developers.
 */
import { isAuthError, isAuthRetryableFetchError, isAuthSessionMissingError } from '@supabase/auth-js';

const SESSION_ENDED = 'Your session has ended. Please sign in again.';

export const authErrorMessages: Readonly<Record<string, string>> = {
  invalid_credentials: 'That email and password do not match. Check them and try again.',
  email_not_confirmed:
    'Please confirm your email address first: open the link we sent you when you signed up.',
  user_already_exists: 'An account with this email already exists. Sign in instead, or reset your password.',
  email_exists: 'An account with this email already exists. Sign in instead, or reset your password.',
  weak_password: 'Choose a stronger password: at least 8 characters, ideally a few words.',
  same_password: 'Your new password must be different from your current one.',
  over_request_rate_limit: 'Too many attempts. Please wait a few minutes, then try again.',
  over_email_send_rate_limit:
    'We have just sent you an email. Please wait a minute before asking for another.',
  otp_expired: 'This link is invalid or has expired. Please request a new one.',
  otp_disabled: 'There is no account with this email yet. Create one first, or try another address.',
  provider_email_needs_verification:
    'Please verify your email address with the provider first, then try again.',
  email_address_invalid: 'This email address cannot be used. Please try another one.',
  validation_failed: 'Please check the email address and password, then try again.',
  signup_disabled: 'New sign-ups are closed at the moment.',
  email_provider_disabled: 'Signing in with email is turned off at the moment.',
  user_banned: 'This account has been suspended. Contact support if you think this is a mistake.',
  captcha_failed: 'We could not verify that you are human. Please try again.',
  session_not_found: SESSION_ENDED,
  session_expired: SESSION_ENDED,
  refresh_token_not_found: SESSION_ENDED,
  refresh_token_already_used: SESSION_ENDED,
  user_not_found: SESSION_ENDED,
  bad_jwt: SESSION_ENDED,
};

const NETWORK = 'We could not reach the server. Check your connection and try again.';
const SERVER = 'Something went wrong on our side. Please try again in a moment.';
const UNKNOWN = 'Something unexpected went wrong. Please try again.';

export function authErrorMessage(error: unknown): string {
  if (isAuthSessionMissingError(error)) return SESSION_ENDED;
  if (isAuthRetryableFetchError(error)) return error.status === 0 ? NETWORK : SERVER;
  if (!isAuthError(error)) return UNKNOWN;
  const known = error.code ? authErrorMessages[error.code] : undefined;
  if (known) return known;
  if (error.status === 429) return authErrorMessages.over_request_rate_limit!;
  if (error.status !== undefined && error.status >= 500) return SERVER;
  return UNKNOWN;
}
