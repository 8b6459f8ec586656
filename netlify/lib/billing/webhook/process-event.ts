/**
 * Exactly-once processing of a Stripe event:
 *
 * 1. Claim: insert the event id into stripe_events (a no-op when it is there already).
 * 2. In one transaction: lock that row (concurrent deliveries of the same event queue here),
 *    stop if it was processed already, apply the event, mark it processed, write the audit row.
 *    Any error rolls every effect back.
 * 3. On failure: count the attempt; at the third failed attempt the event moves to the dead-letter
 *    queue (failed_webhook_events) and the delivery is answered 2xx so Stripe stops retrying.
 *    Before that the error propagates (5xx) and Stripe retries later.
 *
 * Every attempt leaves a row in webhook_audit_log.
 */
import { isIP } from 'node:net';
import type pg from 'pg';
import type Stripe from 'stripe';
import { withTransaction } from '../../db';
import type { Logger } from '../../observability/logger';
import { applyStripeEvent } from './apply-event';

export const maxAttempts = 3;

export type ProcessOutcome = 'processed' | 'ignored' | 'duplicate' | 'dead_lettered';

export interface ProcessOptions {
  db: pg.Pool;
  stripe: Stripe;
  log: Logger;
  requestId?: string;
  ip?: string;
  /** An admin replay of a dead-lettered event: processed even though it is in the queue. */
  replay?: boolean;
}

/** Thrown for an attempt that failed but will be retried by Stripe (answered 5xx). */
export class EventProcessingError extends Error {
  constructor(
    readonly eventId: string,
    readonly attempts: number,
    options: { cause: unknown },
  ) {
    super(`Stripe event ${eventId} failed (attempt ${attempts} of ${maxAttempts})`, options);
    this.name = 'EventProcessingError';
  }
}

const finished = new Set(['processed', 'ignored']);

export async function processStripeEvent(
  event: Stripe.Event,
  options: ProcessOptions,
): Promise<ProcessOutcome> {
  const { db, log } = options;
  // The audit column is inet; a platform that cannot tell the caller's address says "unknown".
  const sourceIp = options.ip && isIP(options.ip) ? options.ip : null;
  const audit = (client: pg.ClientBase | pg.Pool, outcome: string, message?: string) =>
    client.query(
      `insert into public.webhook_audit_log (event_id, event_type, outcome, message, request_id, source_ip)
       values ($1, $2, $3, $4, $5, $6)`,
      [event.id, event.type, outcome, message ?? null, options.requestId ?? null, sourceIp],
    );

  await db.query(
    `insert into public.stripe_events (id, type, status, payload, stripe_created_at)
     values ($1, $2, 'received', $3, to_timestamp($4))
     on conflict (id) do nothing`,
    [event.id, event.type, event, event.created],
  );

  try {
    return await withTransaction(db, async (client) => {
      const { rows } = await client.query<{ status: string }>(
        'select status from public.stripe_events where id = $1 for update',
        [event.id],
      );
      const status = rows[0]?.status ?? 'received';
      if (finished.has(status) || (status === 'dead_lettered' && !options.replay)) {
        await audit(client, 'duplicate', `already ${status}`);
        return 'duplicate';
      }
      const outcome = await applyStripeEvent({
        client,
        stripe: options.stripe,
        event,
        log: log.child({ stripeEvent: event.id }),
      });
      await client.query(
        `update public.stripe_events
            set status = $2, attempts = attempts + 1, last_error = null, processed_at = now()
          where id = $1`,
        [event.id, outcome],
      );
      if (options.replay) {
        await client.query(
          `update public.failed_webhook_events
              set resolved_at = now(), replay_count = replay_count + 1, last_replayed_at = now()
            where event_id = $1`,
          [event.id],
        );
      }
      await audit(client, options.replay ? 'replayed' : outcome);
      return outcome;
    });
  } catch (error) {
    return recordFailure(event, options, error, audit);
  }
}

async function recordFailure(
  event: Stripe.Event,
  options: ProcessOptions,
  error: unknown,
  audit: (client: pg.Pool, outcome: string, message?: string) => Promise<unknown>,
): Promise<ProcessOutcome> {
  const { db, log } = options;
  const message = error instanceof Error ? error.message : String(error);
  const { rows } = await db.query<{ attempts: number; status: string }>(
    `update public.stripe_events
        set attempts = attempts + 1,
            last_error = left($2, 2000),
            status = case when status = 'dead_lettered' or attempts + 1 >= $3 then 'dead_lettered' else 'failed' end
      where id = $1
      returning attempts, status`,
    [event.id, message, maxAttempts],
  );
  const attempts = rows[0]?.attempts ?? 1;
  await audit(db, 'failed', message.slice(0, 2000));
  log.warn('stripe event failed', { stripeEvent: event.id, type: event.type, attempts, error });

  if (options.replay) {
    await db.query(
      `update public.failed_webhook_events
          set replay_count = replay_count + 1, last_replayed_at = now(), last_error = left($2, 2000)
        where event_id = $1`,
      [event.id, message],
    );
    throw new EventProcessingError(event.id, attempts, { cause: error });
  }
  if (rows[0]?.status !== 'dead_lettered')
    throw new EventProcessingError(event.id, attempts, { cause: error });

  await db.query(
    `insert into public.failed_webhook_events (event_id, event_type, failure_count, last_error, payload)
     values ($1, $2, $3, left($4, 2000), $5)
     on conflict (event_id) do update
       set failure_count = excluded.failure_count, last_error = excluded.last_error, resolved_at = null`,
    [event.id, event.type, attempts, message, event],
  );
  await audit(db, 'dead_lettered', `after ${attempts} failed attempts`);
  log.error('stripe event dead-lettered', { stripeEvent: event.id, type: event.type, attempts, error });
  return 'dead_lettered';
}
