/**
 * The one browser Supabase client. It holds the public anon key and the user's session (persisted
 * in localStorage and refreshed in the background); Row-Level Security decides what it may read
 * and write. Secrets never live in the SPA — privileged work goes through `/api` functions.
 */
import { createClient } from '@supabase/supabase-js';
import { env } from '@/config/env';
import type { Database } from '@/shared/database.types';

export const supabase = createClient<Database>(env.supabaseUrl, env.supabaseAnonKey, {
  auth: {
    persistSession: true,
    autoRefreshToken: true,
    // Password-recovery and e-mail-confirmation links land on the SPA with the session in the URL
    // fragment (implicit flow, which the local auth server speaks as well as hosted Supabase).
    detectSessionInUrl: true,
  },
});

export type SupabaseBrowserClient = typeof supabase;
