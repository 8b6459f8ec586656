/**
 * The staff support functions act as the staff member, so the database's policies decide which
 * tickets they reach (issue 19, ADR 0081), not only the pipeline's admin check. Each probe adds a
 * restrictive policy that hides one row from signed-in callers (no other test's rows), and the
 * function must obey it with nothing written. Before, the service-level pool bypassed every policy.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import customerFunction from '../../../netlify/functions/admin-support-customer.mjs';
import replyFunction from '../../../netlify/functions/admin-support-reply.mjs';
import ticketFunction from '../../../netlify/functions/admin-support-ticket.mjs';
import { closeDbPools } from '../../../netlify/lib/db';
import { call, db, member, openTicket, staff, ticketStatus, type Member } from './harness';
import { withProbePolicy } from '../rls/support/probe-policy';

let author: Member;
let admin: Member;

beforeAll(async () => {
  [author, admin] = await Promise.all([member('author'), staff()]);
});
afterAll(async () => {
  await db.end();
  await closeDbPools();
});

async function written(ticketId: string) {
  const { rows } = await db.query<{
    replies: number;
    notifications: number;
    emails: number;
    priority: string;
  }>(
    `select (select count(*)::int from public.support_ticket_messages where ticket_id = $1 and is_staff) as replies,
            (select count(*)::int from public.notifications where link = '/support/tickets/' || $1) as notifications,
            (select count(*)::int from public.email_outbox where payload ->> 'ticketId' = $1::text) as emails,
            (select priority from public.support_tickets where id = $1) as priority`,
    [ticketId],
  );
  return rows[0];
}

const reply = (ticketId: string) =>
  call(replyFunction, `/api/admin/support/tickets/${ticketId}/replies`, {
    token: admin.token,
    params: { id: ticketId },
    body: { messageId: randomUUID(), body: 'We are on it.' },
  });
const update = (ticketId: string) =>
  call(ticketFunction, `/api/admin/support/tickets/${ticketId}`, {
    method: 'PATCH',
    token: admin.token,
    params: { id: ticketId },
    body: { status: 'resolved', priority: 'urgent' },
  });
const customer = (ticketId: string) =>
  call(customerFunction, `/api/admin/support/tickets/${ticketId}/customer`, {
    token: admin.token,
    params: { id: ticketId },
  });

it('replies only on a ticket RLS shows the staff member: a hidden one is not found, nothing written', async () => {
  const ticketId = await openTicket(author);
  const before = await written(ticketId);
  const response = await withProbePolicy(db, 'support_tickets', 'select', `id = '${ticketId}'`, () =>
    reply(ticketId),
  );
  expect(response.status).toBe(404);
  expect(await written(ticketId)).toEqual(before);
  expect(await ticketStatus(ticketId)).toBe('open');
  // The same request without the probe goes through: the probe, not something else, refused it.
  expect((await reply(ticketId)).status).toBe(200);
  expect(await written(ticketId)).toMatchObject({ replies: 1, notifications: 1, emails: 1 });
});

it('changes status and priority only on a ticket RLS shows: a hidden one is not found, unchanged', async () => {
  const ticketId = await openTicket(author);
  const response = await withProbePolicy(db, 'support_tickets', 'select', `id = '${ticketId}'`, () =>
    update(ticketId),
  );
  expect(response.status).toBe(404);
  expect(await ticketStatus(ticketId)).toBe('open');
  expect(await written(ticketId)).toMatchObject({ notifications: 0, priority: 'normal' });
  expect((await update(ticketId)).status).toBe(200);
  expect(await ticketStatus(ticketId)).toBe('resolved');
  expect(await written(ticketId)).toMatchObject({ notifications: 1, priority: 'urgent' });
});

it("shows a billing ticket's customer only when RLS shows the author's profile to the staff member", async () => {
  const ticketId = await openTicket(author, { category: 'billing', subject: 'Refund?' });
  const hidden = await withProbePolicy(db, 'profiles', 'select', `id = '${author.id}'`, () =>
    customer(ticketId),
  );
  expect(hidden.status).toBe(404);
  const shown = await customer(ticketId);
  expect(shown.status).toBe(200);
  expect(await shown.json()).toMatchObject({ email: author.email, plan: 'free' });
});
