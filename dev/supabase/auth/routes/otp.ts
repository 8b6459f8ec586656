/**
 * POST /otp (`internal/api/otp.go`, `magic_link.go`): `signInWithOtp({ email })` — a magic link
 * plus a 6-digit code for `verifyOtp({ email, token, type: 'email' })`, written to the dev outbox.
 * An unknown address is signed up first (unless `create_user: false`): with autoconfirm it then
 * gets the magic link, otherwise the sign-up confirmation, as GoTrue does. The answer is `{}`
 * either way. Phone OTPs need an SMS provider, which this server does not have.
 */
import { randomBytes } from 'node:crypto';
import { optionalBoolean, optionalObject, optionalString } from '../body';
import { inTransaction } from '../db';
import { validEmail } from '../email-address';
import { sendSignupConfirmation } from '../email-flows';
import { badRequest, unprocessable } from '../errors';
import { requireUser } from '../request-auth';
import { assertCanEmailAgain, sendAuthEmail } from '../mailer';
import { issueEmailToken } from '../one-time-tokens';
import { codeChallengeOf, startEmailFlow } from '../pkce';
import { hashPassword } from '../password';
import { resolveRedirect } from '../redirects';
import type { RouteHandler } from '../request';
import { ok } from '../respond';
import { findUserByEmail, updateUser } from '../users-repo';
import { createUser } from './signup';

export const otp: RouteHandler = async (request, services) => {
  services.ipLimiter?.take('sign_in_sign_ups', request.client.ip);
  const body = await request.body();
  const { config } = services;
  const rawEmail = optionalString(body, 'email');
  const phone = optionalString(body, 'phone');
  if (!rawEmail && phone) throw badRequest('phone_provider_disabled', 'Unsupported phone provider');
  if (!rawEmail) throw badRequest('validation_failed', 'One of email or phone must be set');
  const email = validEmail(rawEmail);
  const createIfMissing = optionalBoolean(body, 'create_user') ?? true;
  const data = optionalObject(body, 'data') ?? {};
  const challenge = codeChallengeOf(body);
  const redirectTo = resolveRedirect(
    request.query.get('redirect_to'),
    config.siteUrl,
    config.redirectAllowList,
  );

  await inTransaction(services.pool, async (db) => {
    let user = await findUserByEmail(db, email, true);
    if (!user && (!createIfMissing || !services.settings.enableSignup)) {
      throw unprocessable('otp_disabled', 'Signups not allowed for otp');
    }
    if (!user) {
      // GoTrue signs the address up with a random password nobody knows.
      const passwordHash = await hashPassword(randomBytes(24).toString('base64url'));
      user = await createUser(db, email, passwordHash, data, config.autoconfirm, config.log);
    }
    if (!user.email_confirmed_at) {
      if (config.autoconfirm) user = await updateUser(db, user.id, { email_confirmed_at: 'now' });
      else {
        await sendSignupConfirmation(db, services, user, redirectTo, challenge);
        return;
      }
    }
    assertCanEmailAgain(services, user.recovery_sent_at);
    const prefix = await startEmailFlow(db, user.id, 'magiclink', challenge);
    const token = await issueEmailToken(db, user.id, 'recovery_token', email, prefix);
    await updateUser(db, user.id, { recovery_token: token.hash, recovery_sent_at: 'now' });
    await sendAuthEmail(services, { action: 'magiclink', to: email, ...token, redirectTo });
  });
  return ok({});
};

/**
 * GET /reauthenticate (`internal/api/reauthenticate.go`): emails the signed-in user a 6-digit
 * nonce for a sensitive change. (This server does not require the nonce for password changes:
 * `secure_password_change` is off, as in the CLI's defaults.)
 */
export const reauthenticate: RouteHandler = async (request, services) => {
  await inTransaction(services.pool, async (db) => {
    const { user } = await requireUser(db, request.headers, services);
    if (!user.email && !user.phone) {
      throw badRequest(
        'validation_failed',
        'Reauthentication requires the user to have an email or a phone number',
      );
    }
    const email = user.email ?? '';
    assertCanEmailAgain(services, user.reauthentication_sent_at);
    const token = await issueEmailToken(db, user.id, 'reauthentication_token', email);
    await updateUser(db, user.id, { reauthentication_token: token.hash, reauthentication_sent_at: 'now' });
    await services.outbox.send({
      kind: 'reauthentication',
      to: email,
      subject: 'Confirm reauthentication',
      text: `Enter the code: ${token.otp}\n`,
      otp: token.otp,
    });
  });
  return ok({});
};
