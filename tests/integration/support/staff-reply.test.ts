// A staff reply and what it causes: one message, one in-app notification and one queued email,
// in one transaction, once per messageId; preferences honoured; only admins; and the billing
// details staff see on a billing ticket.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import customerFunction from '../../../netlify/functions/admin-support-customer.mjs';
import replyFunction from '../../../netlify/functions/admin-support-reply.mjs';
import { call, db, member, openTicket, staff, ticketStatus, type Member } from './harness';

let user: Member;
let admin: Member;

beforeAll(async () => {
  [user, admin] = await Promise.all([member('customer'), staff()]);
});

afterAll(async () => {
  await db.end();
});

const reply = (
  ticketId: string,
  messageId: string,
  token = admin.token,
  body = 'Refunded — see **billing**.',
) =>
  call(replyFunction, `/api/admin/support/tickets/${ticketId}/replies`, {
    token,
    params: { id: ticketId },
    body: { messageId, body },
  });

async function effects(ticketId: string) {
  const { rows } = await db.query<{ messages: number; notifications: number; emails: number }>(
    `select (select count(*)::int from public.support_ticket_messages where ticket_id = $1 and is_staff) as messages,
            (select count(*)::int from public.notifications where link = '/support/tickets/' || $1) as notifications,
            (select count(*)::int from public.email_outbox where payload ->> 'ticketId' = $1::text) as emails`,
    [ticketId],
  );
  return rows[0];
}

describe('a staff reply', () => {
  it('adds the message, one notification and one email for the ticket author; a retry adds nothing', async () => {
    const ticketId = await openTicket(user, { subject: 'Charged twice' });
    const messageId = randomUUID();
    const first = await reply(ticketId, messageId);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ id: messageId, ticketId, created: true });
    expect(await ticketStatus(ticketId)).toBe('pending');

    const again = await reply(ticketId, messageId);
    expect(await again.json()).toMatchObject({ id: messageId, created: false });
    expect(await effects(ticketId)).toEqual({ messages: 1, notifications: 1, emails: 1 });

    // The author reads the reply and the notification through RLS; the email waits for the sender.
    const { data: thread } = await user.client
      .from('support_ticket_messages')
      .select('body, is_staff')
      .eq('ticket_id', ticketId);
    expect(thread).toContainEqual({ body: 'Refunded — see **billing**.', is_staff: true });
    const { data: notes } = await user.client
      .from('notifications')
      .select('kind, title, link')
      .eq('link', `/support/tickets/${ticketId}`);
    expect(notes).toEqual([
      { kind: 'support', title: 'Support replied: Charged twice', link: `/support/tickets/${ticketId}` },
    ]);
    const { rows } = await db.query(
      `select to_email, template, status, user_id from public.email_outbox where payload ->> 'ticketId' = $1`,
      [ticketId],
    );
    expect(rows).toEqual([
      { to_email: user.email, template: 'support_reply', status: 'pending', user_id: user.id },
    ]);
  });

  it('two staff replies are two notifications and two emails', async () => {
    const ticketId = await openTicket(user);
    await reply(ticketId, randomUUID());
    await reply(ticketId, randomUUID());
    expect(await effects(ticketId)).toEqual({ messages: 2, notifications: 2, emails: 2 });
  });

  it('honours the preferences: no email when activity emails are off, no notification when in-app is off', async () => {
    const quiet = await member('quiet');
    await quiet.client.from('user_settings').update({ notify_activity_email: false }).eq('user_id', quiet.id);
    const first = await openTicket(quiet);
    await reply(first, randomUUID());
    expect(await effects(first)).toEqual({ messages: 1, notifications: 1, emails: 0 });

    await quiet.client
      .from('user_settings')
      .update({ notify_activity_email: true, notify_in_app: false })
      .eq('user_id', quiet.id);
    const second = await openTicket(quiet);
    await reply(second, randomUUID());
    expect(await effects(second)).toEqual({ messages: 1, notifications: 0, emails: 1 });
  });

  it('is refused for members (403), unknown tickets (404) and empty replies (400), changing nothing', async () => {
    const ticketId = await openTicket(user);
    expect((await reply(ticketId, randomUUID(), user.token)).status).toBe(403);
    const missing = randomUUID();
    expect((await reply(missing, randomUUID())).status).toBe(404);
    expect((await reply(ticketId, randomUUID(), admin.token, '   ')).status).toBe(400);
    expect(await effects(ticketId)).toEqual({ messages: 0, notifications: 0, emails: 0 });
    expect(await ticketStatus(ticketId)).toBe('open');
  });

  it('a messageId already used on another ticket is a conflict', async () => {
    const one = await openTicket(user);
    const two = await openTicket(user);
    const messageId = randomUUID();
    await reply(one, messageId);
    expect((await reply(two, messageId)).status).toBe(409);
    expect(await effects(two)).toEqual({ messages: 0, notifications: 0, emails: 0 });
  });
});

describe("a billing ticket's customer details", () => {
  const customer = (ticketId: string, token = admin.token) =>
    call(customerFunction, `/api/admin/support/tickets/${ticketId}/customer`, {
      token,
      params: { id: ticketId },
    });

  it("show staff the author's plan and last invoice, and nobody else's", async () => {
    const payer = await member('payer');
    const other = await member('other');
    await db.query(`update public.profiles set plan = 'pro', plan_status = 'past_due' where id = $1`, [
      payer.id,
    ]);
    const customerId = `cus_${randomUUID().replaceAll('-', '').slice(0, 14)}`;
    await db.query('insert into public.stripe_customers (user_id, customer_id) values ($1, $2)', [
      payer.id,
      customerId,
    ]);
    const invoice = (id: string, created: number, customerOf: string) => ({
      id: `evt_${randomUUID().replaceAll('-', '')}`,
      object: 'event',
      type: 'invoice.payment_failed',
      created,
      data: {
        object: {
          id,
          object: 'invoice',
          customer: customerOf,
          number: `INV-${id}`,
          status: 'open',
          amount_due: 2900,
          amount_paid: 0,
          currency: 'usd',
          created,
          hosted_invoice_url: `https://invoice.stripe.com/i/${id}`,
        },
      },
    });
    for (const event of [
      invoice('in_old', 1_760_000_000, customerId),
      invoice('in_new', 1_762_000_000, customerId),
      invoice('in_someone_else', 1_763_000_000, 'cus_someoneelse'),
    ]) {
      await db.query(
        `insert into public.stripe_events (id, type, status, payload, stripe_created_at)
         values ($1, $2, 'processed', $3, to_timestamp($4))`,
        [event.id, event.type, JSON.stringify(event), event.created],
      );
    }
    const ticketId = await openTicket(payer, { category: 'billing', subject: 'Payment failed' });

    const response = await customer(ticketId);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      email: payer.email,
      plan: 'pro',
      planStatus: 'past_due',
      lastInvoice: { id: 'in_new', number: 'INV-in_new', amountDue: 2900, currency: 'usd', status: 'open' },
    });

    // The payer, another member: 403. A non-billing ticket: no billing details even for staff.
    expect((await customer(ticketId, payer.token)).status).toBe(403);
    expect((await customer(ticketId, other.token)).status).toBe(403);
    const accountTicket = await openTicket(payer, { category: 'account' });
    expect((await customer(accountTicket)).status).toBe(403);
  });
});
