/**
 * The emails that carry a one-time token: a sign-up confirmation and the email-change links.
 * Each checks the sending frequency, stores the hashed token(s) on the user and in
 * `auth.one_time_tokens`, and writes the email(s), all inside the caller's transaction.
 */
import type { Queryable } from './db';
import { assertCanEmailAgain, sendAuthEmail } from './mailer';
import { issueEmailToken } from './one-time-tokens';
import type { AuthServices } from './services';
import { updateUser, type UserRow } from './users-repo';

export async function sendSignupConfirmation(
  db: Queryable,
  services: AuthServices,
  user: UserRow,
  redirectTo: string,
): Promise<UserRow> {
  assertCanEmailAgain(services, user.confirmation_sent_at);
  const email = user.email ?? '';
  const { otp, hash } = await issueEmailToken(db, user.id, 'confirmation_token', email);
  const updated = await updateUser(db, user.id, { confirmation_token: hash, confirmation_sent_at: 'now' });
  await sendAuthEmail(services, { action: 'signup', to: email, hash, otp, redirectTo });
  return updated;
}

export async function sendEmailChangeLinks(
  db: Queryable,
  services: AuthServices,
  user: UserRow,
  newEmail: string,
  redirectTo: string,
): Promise<UserRow> {
  assertCanEmailAgain(services, user.email_change_sent_at);
  const toNew = await issueEmailToken(db, user.id, 'email_change_token_new', newEmail);
  const currentEmail = user.email ?? '';
  // With double confirmation (the default) the current address must agree to the change too.
  const toCurrent =
    services.settings.doubleConfirmChanges && currentEmail
      ? await issueEmailToken(db, user.id, 'email_change_token_current', currentEmail)
      : null;
  const updated = await updateUser(db, user.id, {
    email_change: newEmail,
    email_change_token_new: toNew.hash,
    email_change_token_current: toCurrent?.hash ?? '',
    email_change_confirm_status: 0,
    email_change_sent_at: 'now',
  });
  await sendAuthEmail(services, { action: 'email_change', to: newEmail, ...toNew, redirectTo });
  if (toCurrent) {
    await sendAuthEmail(services, { action: 'email_change', to: currentEmail, ...toCurrent, redirectTo });
  }
  return updated;
}
