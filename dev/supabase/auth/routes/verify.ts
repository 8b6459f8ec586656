/**
 * POST /verify (6-digit code + email, or token hash) and GET /verify (the email link)
 * (`internal/api/verify.go`). A valid token is used up, its effect applied (confirm the email,
 * allow a password reset, apply an email change) and a session started. The link flow answers
 * with a 303 to the allowed `redirect_to` carrying the session in the URL fragment (implicit flow,
 * consumed by auth-js `detectSessionInUrl`), or the error in the fragment. A `pkce_` token (pkce.ts)
 * redirects with `?code=` for the requesting browser to exchange instead, errors in the query too.
 */
import { optionalString } from '../body';
import { inTransaction, type Queryable } from '../db';
import { AuthApiError, badRequest, forbidden, unprocessable } from '../errors';
import { clearEmailTokens, isWithinOtpLifetime } from '../one-time-tokens';
import { issueAuthCode, PKCE_PREFIX } from '../pkce';
import { resolveRedirect } from '../redirects';
import type { AuthRequest, RouteHandler } from '../request';
import { ok, seeOther } from '../respond';
import type { AuthServices } from '../services';
import { startSession, type AuthMethod } from '../sessions';
import { tokenHash } from '../tokens';
import {
  findUserByEmail,
  findUserByTokenHash,
  syncEmailIdentity,
  updateUser,
  type JsonObject,
  type UserRow,
} from '../users-repo';

const VERIFY_TYPES = ['signup', 'invite', 'magiclink', 'recovery', 'email_change', 'email'] as const;
type VerifyType = (typeof VERIFY_TYPES)[number];

const AMR_METHOD: Record<VerifyType, AuthMethod> = {
  signup: 'email/signup',
  invite: 'invite',
  magiclink: 'magiclink',
  recovery: 'recovery',
  email_change: 'email_change',
  email: 'otp',
};

const SINGLE_CONFIRMATION_ACCEPTED =
  'Confirmation link accepted. Please proceed to confirm link sent to the other email';

type Outcome = { session: JsonObject } | { message: string } | { code: string };
/** What a valid token did: signed a user in, or recorded half of an email change. Null: not valid. */
type TokenResult = { user: UserRow } | { message: string } | null;

function verifyType(raw: string | undefined | null): VerifyType {
  if (!raw) throw badRequest('validation_failed', 'Verify requires a verification type');
  if (!(VERIFY_TYPES as readonly string[]).includes(raw)) {
    throw badRequest('validation_failed', 'Unsupported verification type');
  }
  return raw as VerifyType;
}

const PHONE_TYPES = new Set(['sms', 'phone_change']);

/**
 * Phone OTPs (`sms`, `phone_change`): GoTrue validates the number (E.164) and looks the code up;
 * without an SMS provider no code was ever sent, so every well-formed one is invalid.
 */
function verifyPhoneOtp(phone: string | undefined): never {
  const digits = (phone ?? '').replace(/^\+/, '').replace(/ /g, '');
  if (!/^[1-9]\d{1,14}$/.test(digits)) {
    throw badRequest('validation_failed', 'Invalid phone number format (E.164 required)');
  }
  throw forbidden('otp_expired', 'Token has expired or is invalid');
}

export const verifyPost: RouteHandler = async (request, services) => {
  services.ipLimiter?.take('token_verifications', request.client.ip);
  const body = await request.body();
  const rawType = optionalString(body, 'type');
  if (rawType && PHONE_TYPES.has(rawType) && optionalString(body, 'token')) {
    verifyPhoneOtp(optionalString(body, 'phone'));
  }
  const type = verifyType(rawType);
  const tokenHashParam = optionalString(body, 'token_hash');
  const otp = optionalString(body, 'token');
  const email = optionalString(body, 'email');
  let hash: string;
  if (tokenHashParam) hash = tokenHashParam;
  else if (otp && email) hash = tokenHash(email.trim().toLowerCase(), otp.trim());
  else throw badRequest('validation_failed', 'Verify requires either a token or a token hash');

  const outcome = await verify(services, request, type, hash, 'Token has expired or is invalid', 'session');
  if ('message' in outcome) return ok({ msg: outcome.message, code: '200' }); // a string: GoTrue sends strconv.Itoa(200)
  if ('code' in outcome) throw forbidden('otp_expired', 'Token has expired or is invalid');
  return ok(outcome.session);
};

export const verifyGet: RouteHandler = async (request, services) => {
  services.ipLimiter?.take('token_verifications', request.client.ip);
  const { config } = services;
  const redirectTo = resolveRedirect(
    request.query.get('redirect_to'),
    config.siteUrl,
    config.redirectAllowList,
  );
  const hash = request.query.get('token') ?? '';
  const pkce = hash.startsWith(PKCE_PREFIX);
  try {
    const type = verifyType(request.query.get('type'));
    if (hash === '') throw badRequest('validation_failed', 'Verify requires a token or a token hash');
    const outcome = await verify(
      services,
      request,
      type,
      hash,
      'Email link is invalid or has expired',
      pkce ? 'code' : 'session',
    );
    if ('message' in outcome) return seeOther(withFragment(redirectTo, { message: outcome.message, sb: '' }));
    if ('code' in outcome) return seeOther(withQuery(redirectTo, { code: outcome.code }));
    const session = outcome.session;
    return seeOther(
      withFragment(redirectTo, {
        access_token: String(session.access_token),
        expires_at: String(session.expires_at),
        expires_in: String(session.expires_in),
        refresh_token: String(session.refresh_token),
        sb: '',
        token_type: 'bearer',
        type,
      }),
    );
  } catch (error) {
    if (!(error instanceof AuthApiError)) throw error;
    const params = {
      error: error.status >= 500 ? 'server_error' : 'access_denied',
      error_code: error.code,
      error_description: error.message,
    };
    // PKCE clients read errors from the query string, implicit ones from the fragment.
    return seeOther(withFragment(pkce ? withQuery(redirectTo, params) : redirectTo, { ...params, sb: '' }));
  }
};

function withQuery(url: string, params: Record<string, string>): string {
  const target = new URL(url);
  for (const [key, value] of Object.entries(params)) target.searchParams.set(key, value);
  return target.toString();
}

/** Go's url.Values.Encode: keys sorted, form-encoded. */
function withFragment(url: string, params: Record<string, string>): string {
  const fragment = new URLSearchParams(params);
  fragment.sort();
  return `${url.split('#')[0]}#${fragment.toString()}`;
}

async function verify(
  services: AuthServices,
  request: AuthRequest,
  type: VerifyType,
  hash: string,
  invalidMessage: string,
  answer: 'session' | 'code',
): Promise<Outcome> {
  return inTransaction(services.pool, async (db) => {
    // A typed code matches its token whether or not the flow was started with PKCE.
    const result =
      (await applyToken(db, type, hash)) ??
      (hash.startsWith(PKCE_PREFIX) ? null : await applyToken(db, type, `${PKCE_PREFIX}${hash}`));
    // Unknown, used and expired tokens get the same answer.
    if (!result) throw forbidden('otp_expired', invalidMessage);
    if ('message' in result) return result;
    if (result.user.is_banned) throw forbidden('user_banned', 'User is banned');
    if (answer === 'code') {
      const code = await issueAuthCode(db, result.user.id, AMR_METHOD[type]);
      if (!code) throw forbidden('flow_state_not_found', 'Flow state not found');
      return { code };
    }
    return { session: await startSession(db, services, result.user, AMR_METHOD[type], request.client) };
  });
}

/** Finds the user holding `hash` for `type`, uses the token up and applies its effect. */
async function applyToken(db: Queryable, type: VerifyType, hash: string): Promise<TokenResult> {
  if (type === 'signup' || type === 'invite' || type === 'email') {
    const user = await findUserByTokenHash(db, 'confirmation_token', hash);
    if (user) {
      const sentAt = type === 'invite' ? user.invited_at : user.confirmation_sent_at;
      if (!isWithinOtpLifetime(sentAt)) return null;
      await clearEmailTokens(db, user.id, ['confirmation_token']);
      return { user: await confirmEmail(db, user, { confirmation_token: '' }) };
    }
    if (type !== 'email') return null;
  }
  if (type === 'recovery' || type === 'magiclink' || type === 'email') {
    const user = await findUserByTokenHash(db, 'recovery_token', hash);
    if (!user) return null;
    if (!isWithinOtpLifetime(user.recovery_sent_at)) return null;
    await clearEmailTokens(db, user.id, ['recovery_token']);
    return { user: await confirmEmail(db, user, { recovery_token: '' }) };
  }
  return applyEmailChange(db, hash);
}

/** Using any emailed token proves the address, so it also confirms an unconfirmed one. */
async function confirmEmail(
  db: Queryable,
  user: UserRow,
  clear: Parameters<typeof updateUser>[2],
): Promise<UserRow> {
  const updated = await updateUser(db, user.id, {
    ...clear,
    ...(user.email_confirmed_at ? {} : { email_confirmed_at: 'now' as const }),
  });
  if (!user.email_confirmed_at) await syncEmailIdentity(db, updated);
  return updated;
}

/**
 * Secure email change: one link goes to the new address, one to the current one. The first link
 * used only records its half; the second applies the change.
 */
async function applyEmailChange(db: Queryable, hash: string): Promise<TokenResult> {
  const toNew = await findUserByTokenHash(db, 'email_change_token_new', hash);
  const user = toNew ?? (await findUserByTokenHash(db, 'email_change_token_current', hash));
  if (!user) return null;
  if (!isWithinOtpLifetime(user.email_change_sent_at) || !user.email_change) return null;
  const usedColumn = toNew ? 'email_change_token_new' : 'email_change_token_current';
  const otherToken = toNew ? user.email_change_token_current : user.email_change_token_new;
  await clearEmailTokens(db, user.id, [usedColumn]);
  if (otherToken) {
    await updateUser(db, user.id, {
      [usedColumn]: '',
      email_change_confirm_status: (user.email_change_confirm_status ?? 0) + 1,
    });
    return { message: SINGLE_CONFIRMATION_ACCEPTED };
  }
  // The address may have been registered by someone else since the change was requested.
  const holder = await findUserByEmail(db, user.email_change);
  if (holder && holder.id !== user.id) {
    throw unprocessable('email_exists', 'A user with this email address has already been registered');
  }
  const updated = await updateUser(db, user.id, {
    email: user.email_change,
    email_change: '',
    email_change_token_new: '',
    email_change_token_current: '',
    email_change_sent_at: null,
    email_change_confirm_status: 0,
    ...(user.email_confirmed_at ? {} : { email_confirmed_at: 'now' as const }),
  });
  await syncEmailIdentity(db, updated);
  return { user: updated };
}
