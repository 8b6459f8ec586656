/**
 * The one way to send mail: queue it in email_outbox on the caller's connection, so the row
 * commits or rolls back with what caused it (pass the transaction's client). The scheduled
 * sender delivers it. Preferences are read here: mail the user turned off is never queued.
 */
import type { Queryable } from '../db';
import { preferenceColumn } from './categories';
import { emailTemplates, type EmailPayload, type EmailTemplateName } from './templates';

export type EnqueueResult = 'queued' | 'opted_out' | 'duplicate' | 'no_recipient';

export interface EmailToQueue<T extends EmailTemplateName> {
  template: T;
  payload: EmailPayload<T>;
  /** What caused this email (e.g. `support_reply:<message id>`): the same cause queues it once. */
  dedupeKey: string;
  /**
   * A user (their current address and preferences are read), or a bare address for mail that
   * outlives the account (account_deleted): outbox rows of a user are deleted with them.
   */
  to: { userId: string } | { email: string };
}

export async function enqueueEmail<T extends EmailTemplateName>(
  client: Queryable,
  email: EmailToQueue<T>,
): Promise<EnqueueResult> {
  const template = emailTemplates[email.template];
  // A payload that does not fit its template is a bug in the caller: fail its transaction.
  const payload = template.payload.parse(email.payload);

  let userId: string | null = null;
  let address: string;
  if ('userId' in email.to) {
    const column = template.category === 'essential' ? null : preferenceColumn[template.category];
    const { rows } = await client.query<{ email: string | null; wanted: boolean | null }>(
      `select u.email, ${column ? `s.${column}` : 'true'} as wanted
       from auth.users u left join public.user_settings s on s.user_id = u.id
       where u.id = $1`,
      [email.to.userId],
    );
    const row = rows[0];
    if (!row?.email) return 'no_recipient';
    if (row.wanted === false) return 'opted_out';
    userId = email.to.userId;
    address = row.email;
  } else {
    address = email.to.email;
  }

  const { rowCount } = await client.query(
    `insert into public.email_outbox (user_id, to_email, template, payload, dedupe_key)
     values ($1, $2, $3, $4, $5)
     on conflict (dedupe_key) do nothing`,
    [userId, address, email.template, JSON.stringify(payload), email.dedupeKey],
  );
  return rowCount === 1 ? 'queued' : 'duplicate';
}
