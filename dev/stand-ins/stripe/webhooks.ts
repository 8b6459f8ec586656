/**
 * Turns simulator changes into Stripe events and delivers them signed, one at a time in the
 * order they happened, the way Stripe's webhook endpoint delivery does. The signature comes from
 * stripe-node's own `generateTestHeaderString`, so the app verifies it with the code it uses in
 * production.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import Stripe from 'stripe';
import type { StripeEvent, StripeObject } from './objects';
import type { StripeStore } from './store';

/** Sends one signed payload; answers the endpoint's HTTP status. */
export type Deliver = (payload: string, signatureHeader: string) => Promise<number>;

export const standInApiVersion = '2026-10-28.endive';

export function deliverByHttp(webhookUrl: string): Deliver {
  return async (payload, signatureHeader) => {
    const response = await fetch(webhookUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'stripe-signature': signatureHeader,
        'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
      },
      body: payload,
      signal: AbortSignal.timeout(30_000),
    });
    await response.body?.cancel();
    return response.status;
  };
}

export function signPayload(payload: string, secret: string, timestamp?: number): string {
  return Stripe.webhooks.generateTestHeaderString({ payload, secret, ...(timestamp ? { timestamp } : {}) });
}

/**
 * Inside an API request, events are queued and the request answers at once, as Stripe's API does:
 * an app calling Stripe while it handles a webhook (cancel, refund) must not wait for the deliveries
 * that call causes — they queue behind the very delivery being handled. The dashboard actions
 * tests call directly still resolve once their events are delivered.
 */
const apiRequest = new AsyncLocalStorage<true>();
export const asApiRequest = <T>(fn: () => T): T => apiRequest.run(true, fn);

export class WebhookSender {
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly store: StripeStore,
    private readonly secret: string,
    private readonly deliver: Deliver | null,
    private readonly log: (line: string) => void,
  ) {}

  /** Records the event and delivers it after every earlier one. */
  emit = async (type: string, object: StripeObject, previous?: Record<string, unknown>): Promise<void> => {
    const event: StripeEvent = {
      id: this.store.id('evt'),
      object: 'event',
      api_version: standInApiVersion,
      created: this.store.now(),
      type,
      data: previous ? { object, previous_attributes: previous } : { object },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
    };
    this.store.events.push(event);
    const sent = this.send(event);
    if (!apiRequest.getStore()) await sent;
  };

  /** Stops delivering (the platform is shutting down); events are still recorded. */
  close(): void {
    this.closed = true;
  }

  /** Resolves once every event emitted so far has been delivered (or has failed to be). */
  idle(): Promise<void> {
    return this.queue.then(() => undefined);
  }

  /** Sends a stored event again (the dashboard's "resend", like `stripe events resend`). */
  async resend(eventId: string): Promise<number | 'error' | 'skipped'> {
    const event = this.store.events.find((candidate) => candidate.id === eventId);
    if (!event) throw new Error(`No such event: '${eventId}'`);
    return this.send(event);
  }

  private send(event: StripeEvent): Promise<number | 'error' | 'skipped'> {
    const attempt = this.queue.then(async () => {
      if (!this.deliver || this.closed) return 'skipped' as const;
      const payload = JSON.stringify(event, null, 2);
      let status: number | 'error';
      try {
        // Signed with the wall clock, not the test clock: the receiver checks the signature's age.
        status = await this.deliver(payload, signPayload(payload, this.secret));
      } catch (error) {
        this.log(`[stripe] delivering ${event.type} ${event.id} failed: ${String(error)}`);
        status = 'error';
      }
      this.store.deliveries.push({ eventId: event.id, type: event.type, status, at: this.store.now() });
      if (status !== 'error' && status >= 300)
        this.log(`[stripe] ${event.type} ${event.id} → HTTP ${status}`);
      return status;
    });
    this.queue = attempt.catch(() => {});
    return attempt;
  }
}
