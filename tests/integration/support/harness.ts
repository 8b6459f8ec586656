/**
 * The support tests' world: real users signed up through the local Supabase API (supabase-js, so
 * RLS applies as in the SPA), the real database, and the staff functions called as Netlify calls
 * them, with the signed-in user's own access token.
 */
import type pg from 'pg';
import type { NetlifyHandler } from '../../../netlify/lib/http/define-handler';
import { createPool } from '../db/support/database';
import { apiRequest, jsonRequest, netlifyContext } from '../http/helpers';
import { signUp, type SignedInUser } from '../rls/support/actors';

export interface Member extends SignedInUser {
  token: string;
}

export const db: pg.Pool = createPool(5);

export async function member(label = 'member'): Promise<Member> {
  const user = await signUp(label);
  const { data } = await user.client.auth.getSession();
  if (!data.session) throw new Error('no session after sign-up');
  return { ...user, token: data.session.access_token };
}

export async function staff(): Promise<Member> {
  const user = await member('staff');
  await db.query(`update public.profiles set role = 'admin' where id = $1`, [user.id]);
  return user;
}

/** Opens a ticket the way the SPA does (the open_support_ticket RPC under the user's RLS). */
export async function openTicket(
  user: Member,
  fields: { subject?: string; category?: string; body?: string } = {},
): Promise<string> {
  const { data, error } = await user.client.rpc('open_support_ticket', {
    p_subject: fields.subject ?? 'Help with my account',
    p_category: fields.category ?? 'account',
    p_body: fields.body ?? 'Something is wrong.',
  });
  if (error) throw new Error(`open_support_ticket failed: ${error.message}`);
  return data as string;
}

export async function call(
  handler: NetlifyHandler,
  path: string,
  init: { method?: string; body?: unknown; token?: string; params?: Record<string, string> },
): Promise<Response> {
  const request =
    init.body === undefined
      ? apiRequest(path, { method: init.method ?? 'GET', token: init.token })
      : jsonRequest(path, init.body, { method: init.method ?? 'POST', token: init.token });
  return handler(request, netlifyContext({ params: init.params }));
}

export async function ticketStatus(ticketId: string): Promise<string | undefined> {
  const { rows } = await db.query<{ status: string }>(
    'select status from public.support_tickets where id = $1',
    [ticketId],
  );
  return rows[0]?.status;
}
