/**
 * The one browser Supabase client. It holds the public anon key and the user's session (persisted
 * in localStorage and refreshed in the background); Row-Level Security decides what it may read
 * and write. Secrets never live in the SPA — privileged work goes through `/api` functions.
 */
import { createClient } from '@supabase/supabase-js';
import { env } from '@/config/env';
import type { Database } from '@/shared/database.types';
import { sessionStorageKey, supabaseLoaded } from './supabase-registry';

export const supabase = createClient<Database>(env.supabaseUrl, env.supabaseAnonKey, {
  auth: {
    persistSession: true,
    // auth-js's default key, named so the app shell can look for a session without this client.
    storageKey: sessionStorageKey,
    autoRefreshToken: true,
    // PKCE: OAuth, confirmation, magic-link, recovery and email-change links come back with
    // `?code=`, which only this browser (holding the code verifier) can exchange for a session —
    // a link opened elsewhere, or a token leaked from a URL fragment, signs nobody in. The local
    // auth server speaks it as hosted Supabase does (dev/supabase/auth/pkce.ts).
    flowType: 'pkce',
    detectSessionInUrl: true,
  },
});

supabaseLoaded(supabase);

export type SupabaseBrowserClient = typeof supabase;
