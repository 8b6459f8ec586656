/** What every event handler gets: the transaction it must do all its writes in, and Stripe. */
import type pg from 'pg';
import type Stripe from 'stripe';
import type { Logger } from '../../observability/logger';

export interface EventContext {
  /** The event's transaction: every write of one event commits or rolls back together. */
  client: pg.PoolClient;
  stripe: Stripe;
  event: Stripe.Event;
  log: Logger;
}

/** `processed`: effects applied (possibly none were due); `ignored`: not about anything of ours. */
export type EventOutcome = 'processed' | 'ignored';

export const idOf = (value: string | { id: string } | null | undefined): string | undefined =>
  typeof value === 'string' ? value : (value?.id ?? undefined);
