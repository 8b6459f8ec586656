/**
 * POST /token (`internal/api/token.go`): `grant_type=password` and `grant_type=refresh_token`.
 * Every grant counts against its per-IP limit (ip-rate-limits.ts). Failed password sign-ins are
 * also counted per email *and IP*; past the limit that IP is locked out of that email with 429 for
 * a while (login-limiter.ts), whether or not the next password is right — a stranger's guesses can
 * never lock the owner out from their own machine.
 */
import { optionalString } from '../body';
import { inTransaction } from '../db';
import { AuthApiError, OAuthError, badRequest } from '../errors';
import { passwordMatches } from '../password';
import type { RouteHandler } from '../request';
import { ok } from '../respond';
import { refreshTokenGrant, startSession } from '../sessions';
import { findUserByEmail } from '../users-repo';
import { idTokenProviderDisabled, web3Disabled } from './disabled';
import { pkceGrant } from './oauth';

export const token: RouteHandler = async (request, services) => {
  const body = await request.body();
  const grantType = request.query.get('grant_type') ?? optionalString(body, 'grant_type') ?? '';
  const limited = {
    password: 'sign_in_sign_ups',
    refresh_token: 'token_refresh',
    pkce: 'token_verifications',
  } as const;
  if (grantType in limited)
    services.ipLimiter?.take(limited[grantType as keyof typeof limited], request.client.ip);
  if (grantType === 'password') return passwordGrant(request, services);
  if (grantType === 'refresh_token') {
    const refreshToken = optionalString(body, 'refresh_token') ?? '';
    if (refreshToken === '') throw new OAuthError('invalid_request', 'refresh_token required');
    return ok(await refreshTokenGrant(services, refreshToken, request.client));
  }
  if (grantType === 'pkce') return pkceGrant(request, services);
  if (grantType === 'web3') throw web3Disabled();
  if (grantType === 'id_token') {
    throw idTokenProviderDisabled(optionalString(body, 'provider'), optionalString(body, 'issuer'));
  }
  throw badRequest('invalid_credentials', 'unsupported_grant_type');
};

const passwordGrant: RouteHandler = async (request, services) => {
  const body = await request.body();
  const rawEmail = optionalString(body, 'email') ?? '';
  const phone = optionalString(body, 'phone') ?? '';
  const password = optionalString(body, 'password') ?? '';
  if (rawEmail !== '' && phone !== '') {
    throw badRequest(
      'validation_failed',
      'Only an email address or phone number should be provided on login.',
    );
  }
  if (rawEmail === '' && phone === '') throw badRequest('validation_failed', 'missing email or phone');
  const invalid = badRequest('invalid_credentials', 'Invalid login credentials');
  // Phone sign-ins are disabled locally, so no phone number can match a user.
  if (phone !== '') throw invalid;

  const email = rawEmail.trim().toLowerCase();
  const limiter = services.loginLimiter;
  const attempt = `${request.client.ip ?? 'unknown'} ${email}`;
  if (limiter.isBlocked(attempt)) {
    throw new AuthApiError(429, 'over_request_rate_limit', 'Request rate limit reached');
  }
  const user = await findUserByEmail(services.pool, email);
  if (!(await passwordMatches(password, user?.encrypted_password)) || !user) {
    limiter.recordFailure(attempt);
    throw invalid;
  }
  limiter.reset(attempt);
  if (user.is_banned) throw badRequest('user_banned', 'User is banned');
  if (!user.email_confirmed_at) throw badRequest('email_not_confirmed', 'Email not confirmed');
  return ok(
    await inTransaction(services.pool, (db) => startSession(db, services, user, 'password', request.client)),
  );
};
