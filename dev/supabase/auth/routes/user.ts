/**
 * GET /user and PUT /user (`internal/api/user.go`). Updates happen in one transaction: metadata is
 * merged key by key, a new password ends the user's other sessions (GoTrue's UpdatePassword), and
 * a new email is only applied once confirmed through the emailed links (to both addresses with
 * `double_confirm_changes`, the default). With `requireCurrentPassword` a new password also needs
 * `current_password` (GoTrue's `UpdatePasswordRequireCurrentPassword`), except in a recovery
 * session: the emailed reset link is the proof there.
 */
import { optionalObject, optionalString } from '../body';
import { inTransaction, type Queryable } from '../db';
import { validEmail } from '../email-address';
import { badRequest, forbidden, unprocessable } from '../errors';
import { sendEmailChangeLinks } from '../email-flows';
import { codeChallengeOf } from '../pkce';
import { clearEmailTokens } from '../one-time-tokens';
import { assertPasswordAcceptable, hashPassword, passwordMatches } from '../password';
import { resolveRedirect } from '../redirects';
import { requireUser } from '../request-auth';
import type { RouteHandler } from '../request';
import { ok } from '../respond';
import { endSessions } from '../sessions';
import { userJson } from '../user-json';
import {
  findIdentities,
  findUserByEmail,
  findUserById,
  mergeUserMetadata,
  updateUser,
  type UserRow,
} from '../users-repo';

export const getUser: RouteHandler = async (request, services) => {
  const { user } = await requireUser(services.pool, request.headers, services);
  return ok(userJson(user, await findIdentities(services.pool, user.id)));
};

export const updateCurrentUser: RouteHandler = async (request, services) => {
  const body = await request.body();
  const caller = await requireUser(services.pool, request.headers, services);
  if (body.app_metadata !== undefined && body.app_metadata !== null) {
    throw forbidden('not_admin', 'Updating app_metadata requires admin privileges');
  }
  const password = optionalString(body, 'password');
  const currentPassword = optionalString(body, 'current_password');
  const rawEmail = optionalString(body, 'email');
  const data = optionalObject(body, 'data');
  if (password !== undefined) assertPasswordAcceptable(password, services.settings.minimumPasswordLength);
  const email = rawEmail ? validEmail(rawEmail) : undefined;
  const redirectTo = resolveRedirect(
    request.query.get('redirect_to'),
    services.config.siteUrl,
    services.config.redirectAllowList,
  );

  return inTransaction(services.pool, async (db) => {
    const user = (await findUserById(db, caller.user.id, true))!;
    if (password !== undefined) {
      if (password !== '' && user.encrypted_password && services.config.requireCurrentPassword) {
        await assertCurrentPassword(db, user, caller.sessionId, currentPassword);
      }
      if (await passwordMatches(password, user.encrypted_password)) {
        throw unprocessable('same_password', 'New password should be different from the old password.');
      }
      await changePassword(db, user, password, caller.sessionId);
    }
    if (data) await mergeUserMetadata(db, user.id, data);
    if (email && email !== user.email) {
      if (await findUserByEmail(db, email)) {
        throw unprocessable('email_exists', 'A user with this email address has already been registered');
      }
      await sendEmailChangeLinks(db, services, user, email, redirectTo, codeChallengeOf(body));
    }
    const updated = (await findUserById(db, user.id))!;
    return ok(userJson(updated, await findIdentities(db, user.id)));
  });
};

/** As `user.go`: both failures answer 400 with the same message, only the code differs. */
async function assertCurrentPassword(
  db: Queryable,
  user: UserRow,
  sessionId: string | null,
  currentPassword: string | undefined,
) {
  if (sessionId && (await isRecoverySession(db, sessionId))) return;
  const message = 'Current password required when setting new password.';
  if (!currentPassword) throw badRequest('current_password_required', message);
  if (!(await passwordMatches(currentPassword, user.encrypted_password))) {
    throw badRequest('current_password_invalid', message);
  }
}

/** `Session.IsRecovery`: the session was started by a password-reset link (its `amr`). */
async function isRecoverySession(db: Queryable, sessionId: string): Promise<boolean> {
  const { rowCount } = await db.query(
    `select 1 from auth.mfa_amr_claims where session_id = $1 and authentication_method = 'recovery'`,
    [sessionId],
  );
  return (rowCount ?? 0) > 0;
}

/** Pending email links are cancelled and every other session signed out: the old password is no longer trusted. */
async function changePassword(db: Queryable, user: UserRow, password: string, sessionId: string | null) {
  await updateUser(db, user.id, {
    encrypted_password: await hashPassword(password),
    confirmation_token: '',
    confirmation_sent_at: null,
    recovery_token: '',
    recovery_sent_at: null,
    email_change_token_current: '',
    email_change_token_new: '',
    email_change_sent_at: null,
  });
  await clearEmailTokens(db, user.id);
  await endSessions(db, user.id, sessionId ? 'others' : 'global', sessionId);
}
