/**
 * GoTrue's error model (`internal/api/apierrors`): an HTTP status, a snake_case error code and a
 * human message. How it is serialised depends on the client's API version (see respond.ts).
 */

/** The GoTrue error codes this emulation produces (a subset of `apierrors/errorcode.go`). */
export type AuthErrorCode =
  | 'unexpected_failure'
  | 'validation_failed'
  | 'bad_json'
  | 'email_exists'
  | 'bad_jwt'
  | 'not_admin'
  | 'no_authorization'
  | 'user_not_found'
  | 'session_not_found'
  | 'session_expired'
  | 'refresh_token_not_found'
  | 'refresh_token_already_used'
  | 'signup_disabled'
  | 'user_banned'
  | 'email_not_confirmed'
  | 'user_already_exists'
  | 'same_password'
  | 'current_password_required'
  | 'current_password_invalid'
  | 'otp_expired'
  | 'weak_password'
  | 'invalid_credentials'
  | 'anonymous_provider_disabled'
  | 'phone_provider_disabled'
  | 'over_request_rate_limit'
  | 'over_email_send_rate_limit'
  | 'request_timeout'
  | 'otp_disabled'
  | 'mfa_factor_not_found'
  | 'mfa_totp_enroll_not_enabled'
  | 'mfa_phone_enroll_not_enabled'
  | 'mfa_webauthn_enroll_not_enabled'
  | 'saml_provider_disabled'
  | 'manual_linking_disabled'
  | 'passkey_disabled'
  | 'web3_provider_disabled'
  | 'provider_disabled'
  | 'feature_disabled'
  | 'flow_state_not_found'
  | 'flow_state_expired'
  | 'bad_code_verifier'
  | 'bad_oauth_state'
  | 'bad_oauth_callback'
  | 'identity_already_exists';

export class AuthApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: AuthErrorCode,
    message: string,
    /** Extra top-level fields of the body, e.g. `weak_password: { reasons }`. */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AuthApiError';
  }
}

/** OAuth2-style error (`{"error","error_description"}`), used by the token endpoint. */
export class OAuthError extends Error {
  constructor(
    readonly error: string,
    readonly description: string,
    readonly status = 400,
  ) {
    super(description);
    this.name = 'OAuthError';
  }
}

export const badRequest = (code: AuthErrorCode, message: string) => new AuthApiError(400, code, message);
export const unprocessable = (code: AuthErrorCode, message: string) => new AuthApiError(422, code, message);
export const forbidden = (code: AuthErrorCode, message: string) => new AuthApiError(403, code, message);
export const notFound = (code: AuthErrorCode, message: string) => new AuthApiError(404, code, message);
export const internalError = (message: string) => new AuthApiError(500, 'unexpected_failure', message);
