// Webhook health and the dead-letter queue: the health figures derived from the stored events, the
// automatic retry that heals a transient failure exactly once (with backoff, giving up after five
// tries), discard and replay audited, and members refused with 403 having read or changed nothing.
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toPrice } from '../../../dev/stand-ins/stripe/catalog';
import type { StripeEvent } from '../../../dev/stand-ins/stripe/objects';
import discard from '../../../netlify/functions/admin-webhook-discard.mjs';
import replay from '../../../netlify/functions/admin-webhook-replay.mjs';
import health from '../../../netlify/functions/admin-webhooks.mjs';
import stripeWebhook from '../../../netlify/functions/stripe-webhook.mjs';
import webhookRetry from '../../../netlify/functions/webhook-retry.mjs';
import { maxAutoRetries, retryDeadLetters } from '../../../netlify/lib/billing/webhook/retry-dead-letters';
import { closeDbPools } from '../../../netlify/lib/db';
import { createLogger } from '../../../netlify/lib/observability/logger';
import type { WebhookHealth } from '../../../src/shared/admin-webhooks';
import {
  randomIp,
  signedRequest,
  signUp,
  startBillingWorld,
  webhookSecret,
  type BillingWorld,
  type TestUser,
} from '../billing/harness';
import { netlifyContext, readError } from '../http/helpers';
import { call } from './harness';

let world: BillingWorld;
let staff: TestUser;
let customer: TestUser;
const log = createLogger({ test: 'webhooks' });

beforeAll(async () => {
  world = await startBillingWorld({ deliver: null });
  [staff, customer] = await Promise.all([signUp(world.db, { role: 'admin' }), signUp(world.db)]);
});
afterAll(async () => {
  await world.stop();
  await closeDbPools();
});

async function deliver(event: StripeEvent) {
  const payload = JSON.stringify(event);
  const header = Stripe.webhooks.generateTestHeaderString({ payload, secret: webhookSecret });
  const response = await stripeWebhook(signedRequest(payload, header), netlifyContext({ ip: randomIp() }));
  await response.body?.cancel();
  return response.status;
}

/** A subscription whose price our catalog does not know yet: its invoice.paid fails until `fix()`. */
async function deadLetter() {
  const user = await signUp(world.db);
  const suffix = crypto.randomUUID().replaceAll('-', '').slice(0, 10);
  const planId = `dlq_${suffix}`;
  const priceId = `price_dlq_${suffix}`;
  world.standIn.store.prices.set(
    priceId,
    toPrice({ id: priceId, name: 'DLQ plan', unitAmount: 700, currency: 'usd', interval: 'month' }, 0),
  );
  const stripeCustomer = await world.stripe.customers.create({
    email: user.email,
    metadata: { user_id: user.id },
  });
  const session = await world.stripe.checkout.sessions.create({
    mode: 'subscription',
    customer: stripeCustomer.id,
    client_reference_id: user.id,
    line_items: [{ price: priceId, quantity: 1 }],
    success_url: 'http://localhost/billing',
    metadata: { user_id: user.id },
    subscription_data: { metadata: { user_id: user.id } },
  });
  const before = world.standIn.store.events.length;
  await world.standIn.simulator.completeCheckout(session.id);
  const event = world.standIn.store.events
    .slice(before)
    .find((candidate) => candidate.type === 'invoice.paid')!;
  for (let attempt = 0; attempt < 3; attempt += 1) await deliver(event);
  const { rows } = await world.db.query<{ id: string }>(
    'select id from public.failed_webhook_events where event_id = $1 and resolved_at is null',
    [event.id],
  );
  expect(rows).toHaveLength(1);
  const fix = () =>
    world.db.query(
      `insert into public.plans (id, name, monthly_credits) values ($1, 'DLQ plan', 4000000);
       insert into public.plan_prices (plan_id, interval, stripe_price_id, amount_cents) values ('${planId}', 'month', '${priceId}', 700)`.replace(
        '$1',
        `'${planId}'`,
      ),
    );
  return { user, event, rowId: rows[0]!.id, fix };
}

const dueNow = (eventId: string) =>
  world.db.query(
    `update public.failed_webhook_events set next_retry_at = now() - interval '1 second' where event_id = $1`,
    [eventId],
  );
const queueRow = async (eventId: string) =>
  (
    await world.db.query<{
      resolved: boolean;
      auto_retry_count: number;
      retry_in_minutes: number | null;
      discarded: boolean;
    }>(
      `select resolved_at is not null as resolved, auto_retry_count,
              round(extract(epoch from next_retry_at - now()) / 60)::int as retry_in_minutes,
              discarded_at is not null as discarded
         from public.failed_webhook_events where event_id = $1`,
      [eventId],
    )
  ).rows[0];
const allowanceGrants = async (userId: string) =>
  (
    await world.db.query<{ n: number }>(
      `select count(*)::int as n from public.credit_ledger where user_id = $1 and kind = 'allowance_grant' and idempotency_key like '%sub_%'`,
      [userId],
    )
  ).rows[0]!.n;

describe('automatic retry of dead letters', () => {
  it('waits for the backoff, retries, and heals a transient failure exactly once', async () => {
    const { user, event, fix } = await deadLetter();
    // Dead-lettered just now: the first retry is five minutes away.
    expect(await queueRow(event.id)).toMatchObject({
      resolved: false,
      auto_retry_count: 0,
      retry_in_minutes: 5,
    });
    const early = await retryDeadLetters(world.db, world.stripe, log);
    expect(early.outcomes.filter((outcome) => outcome.eventId === event.id)).toEqual([]);

    // Due, still broken: one failed try, the next one 5 minutes later.
    await dueNow(event.id);
    const stillBroken = await retryDeadLetters(world.db, world.stripe, log);
    expect(stillBroken.outcomes).toContainEqual({ eventId: event.id, outcome: 'failed' });
    expect(await queueRow(event.id)).toMatchObject({
      resolved: false,
      auto_retry_count: 1,
      retry_in_minutes: 5,
    });
    expect(await allowanceGrants(user.id)).toBe(0);

    // The cause goes away; two overlapping runs and the scheduled function itself: one effect.
    await fix();
    await dueNow(event.id);
    const runs = await Promise.all([
      retryDeadLetters(world.db, world.stripe, log),
      retryDeadLetters(world.db, world.stripe, log),
      webhookRetry(),
    ]);
    const healed = runs
      .slice(0, 2)
      .flatMap((run) => (run as { outcomes: Array<{ eventId: string; outcome: string }> }).outcomes)
      .filter((outcome) => outcome.eventId === event.id);
    expect((runs[2] as Response).status).toBe(204);
    expect(healed.length).toBeLessThanOrEqual(1);
    expect(await queueRow(event.id)).toMatchObject({ resolved: true, retry_in_minutes: null });
    expect(await allowanceGrants(user.id)).toBe(1);
    const { rows } = await world.db.query('select status from public.stripe_events where id = $1', [
      event.id,
    ]);
    expect(rows[0]).toEqual({ status: 'processed' });

    // Nothing left to do for this event.
    await dueNow(event.id);
    const later = await retryDeadLetters(world.db, world.stripe, log);
    expect(later.outcomes.filter((outcome) => outcome.eventId === event.id)).toEqual([]);
    expect(await allowanceGrants(user.id)).toBe(1);
  });

  it('doubles the wait after each failed try and stops after the last, leaving the row to an admin', async () => {
    const { event } = await deadLetter();
    await world.db.query('update public.failed_webhook_events set auto_retry_count = 2 where event_id = $1', [
      event.id,
    ]);
    await dueNow(event.id);
    await retryDeadLetters(world.db, world.stripe, log);
    expect(await queueRow(event.id)).toMatchObject({ auto_retry_count: 3, retry_in_minutes: 20 });

    await world.db.query(
      'update public.failed_webhook_events set auto_retry_count = $2 where event_id = $1',
      [event.id, maxAutoRetries - 1],
    );
    await dueNow(event.id);
    await retryDeadLetters(world.db, world.stripe, log);
    expect(await queueRow(event.id)).toEqual({
      resolved: false,
      auto_retry_count: maxAutoRetries,
      retry_in_minutes: null,
      discarded: false,
    });
  });
});

describe('a dead letter that cannot be processed at all', () => {
  it('is rescheduled with backoff and does not stop the run from healing the others', async () => {
    const poisonId = `evt_poison_${crypto.randomUUID().slice(0, 8)}`;
    await world.db.query(
      `insert into public.stripe_events (id, type, status, attempts, payload, stripe_created_at)
       values ($1, 'invoice.paid', 'dead_lettered', 3, '{}', now())`,
      [poisonId],
    );
    await world.db.query(
      `insert into public.failed_webhook_events (event_id, event_type, failure_count, payload, next_retry_at)
       values ($1, 'invoice.paid', 3, '{}', now() - interval '1 minute')`,
      [poisonId],
    );
    const { user, event, fix } = await deadLetter();
    await fix();
    await dueNow(event.id);
    const report = await retryDeadLetters(world.db, world.stripe, log);
    expect(report.outcomes).toContainEqual({ eventId: poisonId, outcome: 'failed' });
    expect(report.outcomes).toContainEqual({ eventId: event.id, outcome: 'processed' });
    expect(await queueRow(poisonId)).toMatchObject({
      resolved: false,
      auto_retry_count: 1,
      retry_in_minutes: 5,
    });
    expect(await allowanceGrants(user.id)).toBe(1);
  });
});

describe('webhook health', () => {
  it('reports events by type and status, processing time, failures and the dead letters, as stored', async () => {
    const { event } = await deadLetter();
    // One that an admin fixes and replays, so that there are processed events to time.
    const healedLetter = await deadLetter();
    await healedLetter.fix();
    const replayed = await call(replay, `/api/admin/webhooks/${healedLetter.rowId}/replay`, {
      method: 'POST',
      token: staff.token,
      params: { id: healedLetter.rowId },
    });
    expect(replayed.status).toBe(200);
    const response = await call(health, '/api/admin/webhooks?days=7', { token: staff.token });
    expect(response.status).toBe(200);
    const body = (await response.json()) as WebhookHealth;

    const { rows: expected } = await world.db.query<{ type: string; status: string; events: number }>(
      `select type, status, count(*)::int as events from public.stripe_events
        where received_at >= now() - interval '7 days' group by 1, 2 order by 1, 2`,
    );
    expect(body.byTypeAndStatus).toEqual(expected);
    expect(body.byTypeAndStatus).toContainEqual(
      expect.objectContaining({ type: 'invoice.paid', status: 'dead_lettered' }),
    );
    // Processing time: received → processed of each processed event, percentiles taken here.
    const { rows: timings } = await world.db.query<{ ms: number }>(
      `select extract(epoch from processed_at - received_at)::float8 * 1000 as ms from public.stripe_events
        where processed_at is not null and received_at >= now() - interval '7 days'`,
    );
    const sorted = timings.map((row) => row.ms).sort((a, b) => a - b);
    const percentile = (p: number) => {
      const position = p * (sorted.length - 1);
      const low = sorted[Math.floor(position)]!;
      const high = sorted[Math.ceil(position)]!;
      return Math.round(low + (high - low) * (position - Math.floor(position)));
    };
    expect(sorted.length).toBeGreaterThan(0);
    expect(body.processing).toEqual({
      events: sorted.length,
      p50Ms: percentile(0.5),
      p95Ms: percentile(0.95),
      maxMs: Math.round(sorted.at(-1)!),
    });
    expect(body.recentFailures.map((failure) => failure.eventId)).toContain(event.id);
    const letter = body.deadLetters.find((candidate) => candidate.eventId === event.id);
    expect(letter).toMatchObject({
      type: 'invoice.paid',
      failureCount: 3,
      lastError: expect.stringContaining('price_dlq_'),
      payload: expect.objectContaining({ id: event.id }),
      autoRetryCount: 0,
    });
  });
});

describe('discard and replay', () => {
  it('refuse members with 403 and change nothing', async () => {
    const { event, rowId } = await deadLetter();
    const before = await queueRow(event.id);
    const responses = [
      await call(health, '/api/admin/webhooks', { token: customer.token }),
      await call(discard, `/api/admin/webhooks/${rowId}/discard`, {
        token: customer.token,
        params: { id: rowId },
        body: { reason: 'not mine' },
      }),
      await call(replay, `/api/admin/webhooks/${rowId}/replay`, {
        method: 'POST',
        token: customer.token,
        params: { id: rowId },
      }),
    ];
    for (const response of responses) {
      expect(response.status).toBe(403);
      expect(JSON.stringify(await response.json())).not.toContain(event.id);
    }
    expect(await queueRow(event.id)).toEqual(before);
  });

  it('discard takes the event out of the queue unapplied, with a reason, audited; once', async () => {
    const { user, event, rowId } = await deadLetter();
    const discardAs = (body: unknown) =>
      call(discard, `/api/admin/webhooks/${event.id}/discard`, {
        token: staff.token,
        params: { id: event.id },
        body,
      });
    expect((await discardAs({ reason: '' })).status).toBe(400);
    const response = await discardAs({ reason: 'Test event from the Stripe dashboard' });
    expect(response.status).toBe(200);
    expect(await queueRow(event.id)).toMatchObject({
      resolved: true,
      discarded: true,
      retry_in_minutes: null,
    });
    const again = await discardAs({ reason: 'twice' });
    expect(again.status).toBe(409);
    expect((await readError(again)).code).toBe('CONFLICT');

    await dueNow(event.id);
    const retried = await retryDeadLetters(world.db, world.stripe, log);
    expect(retried.outcomes.filter((outcome) => outcome.eventId === event.id)).toEqual([]);
    expect(await allowanceGrants(user.id)).toBe(0);

    const { rows } = await world.db.query(
      `select actor_id, action, metadata ->> 'reason' as reason, metadata -> 'before' ->> 'resolved_at' as before_resolved,
              metadata -> 'after' ->> 'discarded_at' is not null as after_discarded
         from public.audit_logs where target_id = $1 order by created_at`,
      [event.id],
    );
    expect(rows).toEqual([
      {
        actor_id: staff.id,
        action: 'admin.webhook_discard',
        reason: 'Test event from the Stripe dashboard',
        before_resolved: null,
        after_discarded: true,
      },
    ]);
    expect(rowId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('every replay is audited with its outcome', async () => {
    const { user, event, rowId, fix } = await deadLetter();
    const replayIt = () =>
      call(replay, `/api/admin/webhooks/${rowId}/replay`, {
        method: 'POST',
        token: staff.token,
        params: { id: rowId },
      });
    expect((await replayIt()).status).toBe(409);
    await fix();
    expect((await replayIt()).status).toBe(200);
    expect(await allowanceGrants(user.id)).toBe(1);
    const { rows } = await world.db.query(
      `select actor_id, metadata -> 'after' ->> 'outcome' as outcome from public.audit_logs
        where target_id = $1 and action = 'admin.webhook_replay' order by created_at`,
      [event.id],
    );
    expect(rows).toEqual([
      { actor_id: staff.id, outcome: 'failed' },
      { actor_id: staff.id, outcome: 'processed' },
    ]);
    expect(await queueRow(event.id)).toMatchObject({ resolved: true, retry_in_minutes: null });
  });
});
