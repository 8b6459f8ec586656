/**
 * supabase-js clients for functions. Database statements never go through them: user-data
 * statements run as the user over pooled Postgres with `asUser` (db-as-user.ts), service actions on
 * the pool itself (db.ts).
 * - `supabaseFor(user)` carries the user's own access token to Supabase Storage, so RLS on
 *   storage.objects decides which files a function may read on the user's behalf (chat
 *   attachments, netlify/lib/agents/attachments.ts).
 * - `supabaseAdmin()` bypasses RLS and reaches `auth.admin.*`: only for service actions.
 * Sessions are never persisted or refreshed: a function lives for one request.
 */
import { createClient, type SupabaseClient, type SupabaseClientOptions } from '@supabase/supabase-js';
import type { AuthUser } from './auth/auth-user';
import { serverEnv } from './env';

type RealtimeTransport = NonNullable<NonNullable<SupabaseClientOptions<'public'>['realtime']>['transport']>;

/**
 * supabase-js builds its Realtime client eagerly and, on a Node without a global WebSocket (Node
 * 20, where functions run locally), throws at createClient. Functions never subscribe to channels,
 * so the transport only has to exist, and says so loudly if anyone ever tries.
 */
class NoRealtimeInFunctions {
  constructor() {
    throw new Error('Supabase Realtime is not used by functions');
  }
}

const serverOptions = {
  auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
  realtime: { transport: NoRealtimeInFunctions as unknown as RealtimeTransport },
};

export function supabaseFor(user: AuthUser): SupabaseClient {
  const env = serverEnv();
  return createClient(env.SUPABASE_URL, env.SUPABASE_ANON_KEY, {
    ...serverOptions,
    global: { headers: { Authorization: `Bearer ${user.accessToken}` } },
  });
}

let admin: { key: string; client: SupabaseClient } | undefined;

export function supabaseAdmin(): SupabaseClient {
  const env = serverEnv();
  const key = `${env.SUPABASE_URL}|${env.SUPABASE_SERVICE_ROLE_KEY}`;
  if (admin?.key !== key) {
    admin = { key, client: createClient(env.SUPABASE_URL, env.SUPABASE_SERVICE_ROLE_KEY, serverOptions) };
  }
  return admin.client;
}
