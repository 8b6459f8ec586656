/**
 * POST /recover (`internal/api/recover.go`): emails a password-reset link (and code) to the
 * outbox. The answer is the same `{}` whether or not the address is registered, so the endpoint
 * cannot be used to discover accounts.
 */
import { optionalString } from '../body';
import { inTransaction } from '../db';
import { validEmail } from '../email-address';
import { badRequest } from '../errors';
import { assertCanEmailAgain, sendAuthEmail } from '../mailer';
import { issueEmailToken } from '../one-time-tokens';
import { codeChallengeOf, startEmailFlow } from '../pkce';
import { resolveRedirect } from '../redirects';
import type { RouteHandler } from '../request';
import { ok } from '../respond';
import { findUserByEmail, updateUser } from '../users-repo';

export const recover: RouteHandler = async (request, services) => {
  const body = await request.body();
  const rawEmail = optionalString(body, 'email');
  if (!rawEmail) throw badRequest('validation_failed', 'Password recovery requires an email');
  const email = validEmail(rawEmail);
  const challenge = codeChallengeOf(body);
  const { config } = services;
  const redirectTo = resolveRedirect(
    request.query.get('redirect_to'),
    config.siteUrl,
    config.redirectAllowList,
  );

  await inTransaction(services.pool, async (db) => {
    const user = await findUserByEmail(db, email, true);
    if (!user) return;
    assertCanEmailAgain(services, user.recovery_sent_at);
    const prefix = await startEmailFlow(db, user.id, 'recovery', challenge);
    const { otp, hash } = await issueEmailToken(db, user.id, 'recovery_token', email, prefix);
    await updateUser(db, user.id, { recovery_token: hash, recovery_sent_at: 'now' });
    await sendAuthEmail(services, { action: 'recovery', to: email, hash, otp, redirectTo });
  });
  return ok({});
};
