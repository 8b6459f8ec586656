// Support tickets under RLS as the SPA reaches them: who sees what, who may write what, the
// lifecycle, and the daily limit of new tickets.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import replyFunction from '../../../netlify/functions/admin-support-reply.mjs';
import updateFunction from '../../../netlify/functions/admin-support-ticket.mjs';
import { call, db, member, openTicket, staff, ticketStatus, type Member } from './harness';

let a: Member;
let b: Member;
let admin: Member;

beforeAll(async () => {
  [a, b, admin] = await Promise.all([member('a'), member('b'), staff()]);
});

afterAll(async () => {
  await db.end();
});

const staffReply = (ticketId: string, body = 'We are on it.') =>
  call(replyFunction, `/api/admin/support/tickets/${ticketId}/replies`, {
    token: admin.token,
    params: { id: ticketId },
    body: { messageId: randomUUID(), body },
  });

describe('who sees a ticket', () => {
  it('the author sees their ticket and its first message; another user sees neither', async () => {
    const id = await openTicket(a, {
      subject: 'Invoice question',
      category: 'billing',
      body: 'Why **twice**?',
    });
    const mine = await a.client
      .from('support_tickets')
      .select('subject, category, status')
      .eq('id', id)
      .single();
    expect(mine.data).toEqual({ subject: 'Invoice question', category: 'billing', status: 'open' });
    const messages = await a.client
      .from('support_ticket_messages')
      .select('body, is_staff')
      .eq('ticket_id', id);
    expect(messages.data).toEqual([{ body: 'Why **twice**?', is_staff: false }]);

    expect((await b.client.from('support_tickets').select('id').eq('id', id)).data).toEqual([]);
    expect((await b.client.from('support_ticket_messages').select('id').eq('ticket_id', id)).data).toEqual(
      [],
    );
  });

  it('another user cannot post on the ticket or close it', async () => {
    const id = await openTicket(a);
    const post = await b.client
      .from('support_ticket_messages')
      .insert({ ticket_id: id, author_id: b.id, body: 'hijack' });
    expect(post.error).not.toBeNull();
    await b.client.from('support_tickets').update({ status: 'closed' }).eq('id', id);
    expect(await ticketStatus(id)).toBe('open');
  });

  it("a ticket cannot reference another user's chat", async () => {
    const { rows } = await db.query<{ id: string }>(
      `insert into public.chat_sessions (user_id, title) values ($1, 'private') returning id`,
      [b.id],
    );
    const { error } = await a.client.rpc('open_support_ticket', {
      p_subject: 'About that chat',
      p_category: 'bug',
      p_body: 'see chat',
      p_chat_session_id: rows[0]!.id,
    });
    expect(error?.code).toBe('42501');
  });
});

describe('what users may not set', () => {
  it('a user cannot choose the priority of their ticket, on insert or later (only staff can)', async () => {
    const insert = await a.client.from('support_tickets').insert({ subject: 'Urgent!!', priority: 'urgent' });
    expect(insert.error?.code).toBe('42501');
    const id = await openTicket(a);
    const update = await a.client.from('support_tickets').update({ priority: 'urgent' }).eq('id', id);
    expect(update.error?.code).toBe('42501');
    expect(
      (await db.query('select priority from public.support_tickets where id = $1', [id])).rows[0],
    ).toEqual({
      priority: 'normal',
    });

    const byStaff = await call(updateFunction, `/api/admin/support/tickets/${id}`, {
      method: 'PATCH',
      token: admin.token,
      params: { id },
      body: { priority: 'high' },
    });
    expect(byStaff.status).toBe(200);
    expect(await byStaff.json()).toMatchObject({ priority: 'high' });
    const byUser = await call(updateFunction, `/api/admin/support/tickets/${id}`, {
      method: 'PATCH',
      token: a.token,
      params: { id },
      body: { priority: 'urgent' },
    });
    expect(byUser.status).toBe(403);
    expect(
      (await db.query('select priority from public.support_tickets where id = $1', [id])).rows[0],
    ).toEqual({
      priority: 'high',
    });
  });

  it('a user cannot resolve their own ticket or mark it waiting on them', async () => {
    const id = await openTicket(a);
    for (const status of ['resolved', 'pending']) {
      const { error } = await a.client.from('support_tickets').update({ status }).eq('id', id);
      expect(error).not.toBeNull();
    }
    expect(await ticketStatus(id)).toBe('open');
  });

  it('only the four categories are accepted', async () => {
    const { error } = await a.client.rpc('open_support_ticket', {
      p_subject: 's',
      p_category: 'technical',
      p_body: 'b',
    });
    expect(error?.code).toBe('23514');
  });

  it('an admin cannot write a staff reply directly (only the reply function, which notifies)', async () => {
    const id = await openTicket(a);
    const direct = await admin.client
      .from('support_ticket_messages')
      .insert({ ticket_id: id, author_id: admin.id, is_staff: true, body: 'bypass' });
    expect(direct.error).not.toBeNull();
  });
});

describe('lifecycle', () => {
  it('open → waiting on you → open → resolved → open → closed → reopened', async () => {
    const id = await openTicket(a);
    expect((await staffReply(id)).status).toBe(200);
    expect(await ticketStatus(id)).toBe('pending');

    await a.client
      .from('support_ticket_messages')
      .insert({ ticket_id: id, author_id: a.id, body: 'Still broken' });
    expect(await ticketStatus(id)).toBe('open');

    const resolve = await call(updateFunction, `/api/admin/support/tickets/${id}`, {
      method: 'PATCH',
      token: admin.token,
      params: { id },
      body: { status: 'resolved' },
    });
    expect(resolve.status).toBe(200);
    expect(await ticketStatus(id)).toBe('resolved');
    // The author is told in the app, once (setting resolved again adds nothing).
    await call(updateFunction, `/api/admin/support/tickets/${id}`, {
      method: 'PATCH',
      token: admin.token,
      params: { id },
      body: { status: 'resolved' },
    });
    const { data: resolvedNotes } = await a.client
      .from('notifications')
      .select('title')
      .eq('link', `/support/tickets/${id}`)
      .like('title', 'Resolved:%');
    expect(resolvedNotes).toEqual([{ title: 'Resolved: Help with my account' }]);

    await a.client
      .from('support_ticket_messages')
      .insert({ ticket_id: id, author_id: a.id, body: 'It is back' });
    expect(await ticketStatus(id)).toBe('open');

    expect(
      (await a.client.from('support_tickets').update({ status: 'closed' }).eq('id', id)).error,
    ).toBeNull();
    expect(await ticketStatus(id)).toBe('closed');
    const onClosed = await a.client
      .from('support_ticket_messages')
      .insert({ ticket_id: id, author_id: a.id, body: 'hello?' });
    expect(onClosed.error).not.toBeNull();
    expect((await staffReply(id)).status).toBe(409);

    expect((await a.client.from('support_tickets').update({ status: 'open' }).eq('id', id)).error).toBeNull();
    expect(await ticketStatus(id)).toBe('open');
    const { rows } = await db.query<{ n: number }>(
      'select count(*)::int as n from public.support_ticket_messages where ticket_id = $1',
      [id],
    );
    expect(rows[0]!.n).toBe(4);
  });
});

describe('10 new tickets a day', () => {
  it('the 11th ticket within 24 hours is refused with 429; other users are not affected', async () => {
    const user = await member('limit');
    for (let i = 0; i < 10; i += 1) await openTicket(user, { subject: `ticket ${i}` });
    const eleventh = await user.client.rpc('open_support_ticket', {
      p_subject: 'one more',
      p_category: 'other',
      p_body: 'x',
    });
    expect(eleventh.status).toBe(429);
    expect(eleventh.error?.message).toMatch(/at most 10 support tickets a day/);
    expect(await openTicket(b)).toBeTruthy();

    // A ticket opened more than 24 hours ago no longer counts.
    await db.query(
      `update public.support_tickets set created_at = now() - interval '25 hours'
       where id = (select id from public.support_tickets where user_id = $1 order by created_at limit 1)`,
      [user.id],
    );
    expect(await openTicket(user)).toBeTruthy();
    const { rows } = await db.query<{ n: number }>(
      'select count(*)::int as n from public.support_tickets where user_id = $1',
      [user.id],
    );
    expect(rows[0]!.n).toBe(11);
  });

  it('concurrent requests cannot open more than the limit', async () => {
    const user = await member('burst');
    const results = await Promise.all(
      Array.from({ length: 14 }, (_, i) =>
        user.client.rpc('open_support_ticket', { p_subject: `burst ${i}`, p_category: 'other', p_body: 'x' }),
      ),
    );
    expect(results.filter((r) => r.error === null)).toHaveLength(10);
    expect(results.filter((r) => r.status === 429)).toHaveLength(4);
  });
});
