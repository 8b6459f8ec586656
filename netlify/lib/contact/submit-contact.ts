/**
 * A contact form submission. Bot checks first: a filled honeypot is answered like a success (a
 * bot learns nothing) and stored nowhere; a missing, forged or expired form token, or a form sent
 * faster than a person could, is refused. Then the row is inserted *as anon* — the database's own
 * rule for the form ("anyone can insert, nobody but admins reads") applies, not the service role.
 */
import type pg from 'pg';
import { withTransaction } from '../db';
import { ApiError } from '../http/api-error';
import type { Logger } from '../observability/logger';
import type { ContactSubmission } from '../../../src/shared/contact';
import { checkContactFormToken } from './form-token';

export async function submitContact(
  db: pg.Pool,
  submission: ContactSubmission,
  context: { serviceRoleKey: string; log: Logger; ip: string },
): Promise<Response> {
  const accepted = () =>
    new Response(JSON.stringify({ received: true }), {
      status: 202,
      headers: { 'content-type': 'application/json' },
    });

  if (submission.website) {
    context.log.info('contact form honeypot filled; dropped', { ip: context.ip });
    return accepted();
  }
  const check = checkContactFormToken(context.serviceRoleKey, submission.formToken);
  if (check === 'invalid')
    throw new ApiError(
      'VALIDATION_FAILED',
      'The form has expired. Reload the page and send your message again.',
      {
        details: [{ path: 'formToken', message: 'expired or invalid' }],
      },
    );
  if (check === 'too_fast')
    throw new ApiError('VALIDATION_FAILED', 'That was quick! Please check your message and send it again.', {
      details: [{ path: 'formToken', message: 'sent too soon after the form was shown' }],
    });

  await withTransaction(db, async (client) => {
    // Run the insert as the anon role, as PostgREST would for a visitor (transaction-local).
    await client.query(`select set_config('role', 'anon', true)`);
    await client.query(
      `insert into public.contact_submissions (name, email, company, topic, message) values ($1, $2, $3, $4, $5)`,
      [submission.name, submission.email, submission.company || null, submission.topic, submission.message],
    );
  });
  return accepted();
}
