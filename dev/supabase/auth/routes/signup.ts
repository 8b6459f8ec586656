/**
 * POST /signup (`internal/api/signup.go`), email + password only. With autoconfirm (the CLI
 * default) the user is confirmed at once and gets a session; in confirm-email mode the user gets a
 * confirmation link in the outbox and the response is the bare user object.
 */
import { randomUUID } from 'node:crypto';
import { optionalObject, optionalString } from '../body';
import { inTransaction, type Queryable } from '../db';
import { validEmail } from '../email-address';
import { AuthApiError, badRequest, internalError, unprocessable } from '../errors';
import { sendSignupConfirmation } from '../email-flows';
import { assertPasswordAcceptable, hashPassword } from '../password';
import { codeChallengeOf } from '../pkce';
import { resolveRedirect } from '../redirects';
import type { RouteHandler } from '../request';
import { ok } from '../respond';
import { startSession } from '../sessions';
import { userJson } from '../user-json';
import {
  findIdentities,
  findUserByEmail,
  insertEmailIdentity,
  insertUser,
  mergeUserMetadata,
  updateUser,
  type UserRow,
} from '../users-repo';

export const signup: RouteHandler = async (request, services) => {
  services.ipLimiter?.take('sign_in_sign_ups', request.client.ip);
  const body = await request.body();
  const { config } = services;
  const rawEmail = optionalString(body, 'email');
  if (optionalString(body, 'phone')) {
    throw unprocessable('phone_provider_disabled', 'Phone signups are disabled');
  }
  if (!rawEmail) throw unprocessable('anonymous_provider_disabled', 'Anonymous sign-ins are disabled');
  const email = validEmail(rawEmail);
  if (!services.settings.enableSignup) {
    throw unprocessable('signup_disabled', 'Signups not allowed for this instance');
  }
  const password = optionalString(body, 'password') ?? '';
  if (password === '') throw badRequest('validation_failed', 'Signup requires a valid password');
  assertPasswordAcceptable(password, services.settings.minimumPasswordLength);
  const data = optionalObject(body, 'data') ?? {};
  const challenge = codeChallengeOf(body);
  const redirectTo = resolveRedirect(
    request.query.get('redirect_to'),
    config.siteUrl,
    config.redirectAllowList,
  );
  const passwordHash = await hashPassword(password);

  return inTransaction(services.pool, async (db) => {
    const existing = await findUserByEmail(db, email, true);
    let user: UserRow;
    if (existing) {
      if (config.autoconfirm) throw unprocessable('user_already_exists', 'User already registered');
      // Confirm-email mode never reveals whether an address is registered.
      if (existing.email_confirmed_at) return ok(obfuscatedUser(existing));
      // An unconfirmed sign-up may be repeated: new password and data, fresh confirmation link.
      await mergeUserMetadata(db, existing.id, data);
      user = await updateUser(db, existing.id, { encrypted_password: passwordHash });
    } else {
      user = await createUser(db, email, passwordHash, data, config.autoconfirm, config.log);
    }

    if (config.autoconfirm) {
      return ok(await startSession(db, services, user, 'password', request.client));
    }
    const sent = await sendSignupConfirmation(db, services, user, redirectTo, challenge);
    return ok(userJson(sent, await findIdentities(db, user.id)));
  });
};

export async function createUser(
  db: Queryable,
  email: string,
  passwordHash: string,
  data: Record<string, unknown>,
  confirmed: boolean,
  log: (line: string) => void,
): Promise<UserRow> {
  // The INSERT fires the app's `on auth.users insert` triggers in this transaction; if one fails,
  // the whole sign-up rolls back and the client sees GoTrue's generic 500.
  try {
    const user = await insertUser(db, {
      email,
      passwordHash,
      userMetadata: data,
      appMetadata: { provider: 'email', providers: ['email'] },
      confirmed,
    });
    await insertEmailIdentity(db, user);
    return user;
  } catch (error) {
    if ((error as { code?: string }).code === '23505' && /email/.test(String((error as Error).message))) {
      throw unprocessable('user_already_exists', 'User already registered');
    }
    if (error instanceof AuthApiError) throw error;
    log(`[auth] signup failed while saving ${email}: ${(error as Error).message}`);
    throw internalError('Database error saving new user');
  }
}

/** GoTrue's sanitizeUser for an already-confirmed address: a plausible user that is not the real one. */
function obfuscatedUser(existing: UserRow): Record<string, unknown> {
  const now = new Date().toISOString();
  return {
    id: randomUUID(),
    aud: existing.aud ?? 'authenticated',
    role: existing.role ?? 'authenticated',
    email: existing.email ?? '',
    phone: '',
    confirmation_sent_at: now,
    app_metadata: { provider: 'email', providers: ['email'] },
    user_metadata: {},
    identities: [],
    created_at: now,
    updated_at: now,
    is_anonymous: false,
  };
}
