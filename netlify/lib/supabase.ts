/**
 * supabase-js clients for functions. `supabaseFor(user)` carries the user's own access token, so
 * Row-Level Security applies exactly as in the SPA: use it for anything done on the user's behalf.
 * `supabaseAdmin()` bypasses RLS and reaches `auth.admin.*`: only for service actions.
 * Sessions are never persisted or refreshed: a function lives for one request.
 */
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import type { AuthUser } from './auth/auth-user';
import { serverEnv } from './env';

const serverAuth = { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false } as const;

export function supabaseFor(user: AuthUser): SupabaseClient {
  const env = serverEnv();
  return createClient(env.SUPABASE_URL, env.SUPABASE_ANON_KEY, {
    auth: serverAuth,
    global: { headers: { Authorization: `Bearer ${user.accessToken}` } },
  });
}

let admin: { key: string; client: SupabaseClient } | undefined;

export function supabaseAdmin(): SupabaseClient {
  const env = serverEnv();
  const key = `${env.SUPABASE_URL}|${env.SUPABASE_SERVICE_ROLE_KEY}`;
  if (admin?.key !== key) {
    admin = { key, client: createClient(env.SUPABASE_URL, env.SUPABASE_SERVICE_ROLE_KEY, { auth: serverAuth }) };
  }
  return admin.client;
}
