/**
 * The admin tests' world: real users signed up through the local Supabase API (their access tokens
 * are what the SPA sends), the real database, and the admin functions called as Netlify calls them.
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { NetlifyHandler } from '../../../netlify/lib/http/define-handler';
import { createPool } from '../db/support/database';
import { apiRequest, jsonRequest, netlifyContext } from '../http/helpers';
import { signUp, type SignedInUser } from '../rls/support/actors';

export interface Actor extends SignedInUser {
  token: string;
}

export const db: pg.Pool = createPool(5);

export async function member(label = 'member'): Promise<Actor> {
  const user = await signUp(label);
  const { data } = await user.client.auth.getSession();
  if (!data.session) throw new Error('no session after sign-up');
  return { ...user, token: data.session.access_token };
}

export async function admin(): Promise<Actor> {
  const user = await member('admin');
  await db.query(`update public.profiles set role = 'admin' where id = $1`, [user.id]);
  return user;
}

export async function call(
  handler: NetlifyHandler,
  path: string,
  init: { method?: string; body?: unknown; token?: string; params?: Record<string, string> } = {},
): Promise<Response> {
  const request =
    init.body === undefined
      ? apiRequest(path, { method: init.method ?? 'GET', token: init.token })
      : jsonRequest(path, init.body, { method: init.method ?? 'POST', token: init.token });
  return handler(request, netlifyContext({ params: init.params, requestId: randomUUID() }));
}

/** Everything an admin action can change, to prove a refused request changed nothing. */
export async function footprint(userId: string) {
  const { rows } = await db.query(
    `select (select purchased_balance::float8 from public.credit_accounts where user_id = $1) as purchased,
            (select count(*)::int from public.credit_ledger where user_id = $1) as ledger,
            (select suspended_at from public.profiles where id = $1) as suspended_at,
            (select count(*)::int from public.audit_logs where target_id = $1::text) as audits`,
    [userId],
  );
  return rows[0];
}
