/**
 * The three actors of the RLS suite, as the SPA would be: supabase-js with the anon key against
 * the local Supabase API, anonymous or signed up as a real user through /auth/v1. Plus a
 * service-role client, standing in for Netlify functions.
 */
import { randomUUID } from 'node:crypto';
import type { WebSocketLikeConstructor } from '@supabase/realtime-js';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';

/** Node 20 has no WebSocket and supabase-js builds Realtime eagerly; this suite never opens a channel. */
class NoRealtime {
  constructor() {
    throw new Error('Realtime is not used by the RLS suite');
  }
}

const options = {
  auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
  realtime: { transport: NoRealtime as unknown as WebSocketLikeConstructor },
};

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run through vitest (tests/setup/global-setup.ts)`);
  return value;
}

export function anonClient(): SupabaseClient {
  return createClient(env('SUPABASE_URL'), env('SUPABASE_ANON_KEY'), options);
}

export function serviceClient(): SupabaseClient {
  return createClient(env('SUPABASE_URL'), env('SUPABASE_SERVICE_ROLE_KEY'), options);
}

export interface SignedInUser {
  id: string;
  email: string;
  client: SupabaseClient;
}

export async function signUp(label: string): Promise<SignedInUser> {
  const client = anonClient();
  const email = `rls-${label}-${randomUUID().slice(0, 8)}@test.local`;
  const { data, error } = await client.auth.signUp({ email, password: 'correct-horse-battery-staple' });
  if (error || !data.user || !data.session) {
    throw new Error(`sign-up of ${email} failed: ${error?.message ?? 'no session (is autoconfirm on?)'}`);
  }
  return { id: data.user.id, email, client };
}
