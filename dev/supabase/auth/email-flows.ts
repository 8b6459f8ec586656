/**
 * The emails that carry a one-time token: a sign-up confirmation and the email-change links.
 * Each checks the sending frequency, stores the hashed token(s) on the user and in
 * `auth.one_time_tokens`, and writes the email(s), all inside the caller's transaction.
 */
import type { Queryable } from './db';
import { assertCanEmailAgain, sendAuthEmail } from './mailer';
import { issueEmailToken } from './one-time-tokens';
import { startEmailFlow, type CodeChallenge } from './pkce';
import type { AuthServices } from './services';
import { updateUser, type UserRow } from './users-repo';

export async function sendSignupConfirmation(
  db: Queryable,
  services: AuthServices,
  user: UserRow,
  redirectTo: string,
  challenge: CodeChallenge | null = null,
): Promise<UserRow> {
  assertCanEmailAgain(services, user.confirmation_sent_at);
  const email = user.email ?? '';
  const prefix = await startEmailFlow(db, user.id, 'email/signup', challenge);
  const { otp, hash } = await issueEmailToken(db, user.id, 'confirmation_token', email, prefix);
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
  challenge: CodeChallenge | null = null,
): Promise<UserRow> {
  assertCanEmailAgain(services, user.email_change_sent_at);
  const prefix = await startEmailFlow(db, user.id, 'email_change', challenge);
  const toNew = await issueEmailToken(db, user.id, 'email_change_token_new', newEmail, prefix);
  const currentEmail = user.email ?? '';
  // With double confirmation (the default) the current address must agree to the change too.
  const toCurrent =
    services.settings.doubleConfirmChanges && currentEmail
      ? await issueEmailToken(db, user.id, 'email_change_token_current', currentEmail, prefix)
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
