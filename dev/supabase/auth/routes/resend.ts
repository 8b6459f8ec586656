/**
 * POST /resend (`internal/api/resend.go`): sends a sign-up confirmation or the email-change links
 * again (`supabase.auth.resend`). Like /recover it answers `{}` whether or not there is anything
 * to send, so it does not reveal accounts; the sending frequency limit still applies.
 */
import { optionalString } from '../body';
import { inTransaction } from '../db';
import { validEmail } from '../email-address';
import { sendEmailChangeLinks, sendSignupConfirmation } from '../email-flows';
import { badRequest } from '../errors';
import { resolveRedirect } from '../redirects';
import type { RouteHandler } from '../request';
import { ok } from '../respond';
import { findUserByEmail } from '../users-repo';

export const resend: RouteHandler = async (request, services) => {
  const body = await request.body();
  const type = optionalString(body, 'type');
  if (type !== 'signup' && type !== 'email_change') {
    throw badRequest(
      'validation_failed',
      'Missing one of these types: signup, email_change, sms, phone_change',
    );
  }
  const rawEmail = optionalString(body, 'email');
  if (!rawEmail) throw badRequest('validation_failed', 'Type provided requires an email address');
  const email = validEmail(rawEmail);
  const { config } = services;
  const redirectTo = resolveRedirect(
    request.query.get('redirect_to'),
    config.siteUrl,
    config.redirectAllowList,
  );

  await inTransaction(services.pool, async (db) => {
    const user = await findUserByEmail(db, email, true);
    if (!user) return;
    if (type === 'signup' && !user.email_confirmed_at) {
      await sendSignupConfirmation(db, services, user, redirectTo);
    }
    if (type === 'email_change' && user.email_change) {
      await sendEmailChangeLinks(db, services, user, user.email_change, redirectTo);
    }
  });
  return ok({});
};
