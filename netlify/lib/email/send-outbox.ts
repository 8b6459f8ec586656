/**
 * The outbox sender's core: claim due rows, send each once, record the outcome.
 *
 * Claiming (pending → sending, attempts + 1) uses `for update skip locked`, so two sender runs
 * never take the same row. A row stays in sending only while a run works on it; a run that dies
 * leaves it there, and after `reclaimAfterSeconds` it is claimed again and resent with the same
 * idempotency key (the provider delivers it once). A failure puts the row back to pending after a
 * backoff; the 5th failed attempt, or an error no retry can fix, makes it dead.
 */
import type pg from 'pg';
import type { Logger } from '../observability/logger';
import { PermanentEmailError, renderOutboxEmail, type OutboxRow, type RenderSettings } from './render-email';
import type { EmailTransport } from './transports/transport';

export const maxEmailAttempts = 5;

export interface SendOptions extends RenderSettings {
  log: Logger;
  batchSize?: number;
  /** Delay before the 1st, 2nd, ... retry; the last entry repeats. */
  retryDelaysSeconds?: readonly number[];
  reclaimAfterSeconds?: number;
}

export interface SendReport {
  sent: number;
  retrying: number;
  dead: number;
}

const defaultRetryDelays = [60, 300, 1800, 7200] as const;

export async function sendDueEmails(
  db: pg.Pool,
  transport: EmailTransport,
  options: SendOptions,
): Promise<SendReport> {
  const report: SendReport = { sent: 0, retrying: 0, dead: 0 };
  // `claim` is claimed_at as text: a JS Date would drop the microseconds the guards compare.
  const { rows } = await db.query<OutboxRow & { claim: string }>(
    `update public.email_outbox o
     set status = 'sending', claimed_at = clock_timestamp(), attempts = o.attempts + 1
     where o.id in (
       select id from public.email_outbox
       where (status = 'pending' and send_after <= now())
          or (status = 'sending' and claimed_at < now() - make_interval(secs => $2))
       order by send_after
       limit $1
       for update skip locked
     )
     returning o.id, o.user_id, o.to_email, o.template, o.payload, o.attempts, o.claimed_at::text as claim`,
    [options.batchSize ?? 20, options.reclaimAfterSeconds ?? 600],
  );

  for (const row of rows) {
    try {
      const email = renderOutboxEmail(row, options);
      const { providerMessageId } = await transport.send(email);
      // Guarded by claimed_at: a run that lost its claim to a reclaim does not overwrite it.
      await db.query(
        `update public.email_outbox
         set status = 'sent', sent_at = now(), provider_message_id = $3, last_error = null
         where id = $1 and status = 'sending' and claimed_at = $2::timestamptz`,
        [row.id, row.claim, providerMessageId],
      );
      report.sent += 1;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const dead = error instanceof PermanentEmailError || row.attempts >= maxEmailAttempts;
      const delays = options.retryDelaysSeconds ?? defaultRetryDelays;
      const delay = delays[Math.min(row.attempts - 1, delays.length - 1)] ?? 0;
      await db.query(
        `update public.email_outbox
         set status = $3, last_error = left($4, 1000), send_after = now() + make_interval(secs => $5),
             claimed_at = null
         where id = $1 and status = 'sending' and claimed_at = $2::timestamptz`,
        [row.id, row.claim, dead ? 'dead' : 'pending', message, delay],
      );
      if (dead) {
        report.dead += 1;
        options.log.error('email is dead', {
          outboxId: row.id,
          template: row.template,
          attempts: row.attempts,
          error: message,
        });
      } else {
        report.retrying += 1;
        options.log.warn('email failed, will retry', {
          outboxId: row.id,
          attempts: row.attempts,
          error: message,
        });
      }
    }
  }
  return report;
}
