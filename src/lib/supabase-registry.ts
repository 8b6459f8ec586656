/**
 * Tells the app shell when the Supabase client module has loaded, whoever loaded it (a data
 * route imports `@/lib/supabase` directly): the session provider attaches its auth listener then.
 * Kept free of the client's code so the shell can import it on every page (ADR 0067).
 */
import { env } from '@/config/env';
import type { SupabaseBrowserClient as Client } from './supabase';

/**
 * Where auth-js keeps the session in localStorage: its own default (`sb-<first label of the
 * host>-auth-token`), spelled out so the shell can tell "anyone signed in?" without the client.
 */
export const sessionStorageKey = `sb-${new URL(env.supabaseUrl).hostname.split('.')[0]}-auth-token`;

let loaded: Client | undefined;
const waiting = new Set<(client: Client) => void>();

/** Called once by `@/lib/supabase` when it has created the client. */
export function supabaseLoaded(client: Client): void {
  loaded = client;
  for (const callback of waiting) callback(client);
  waiting.clear();
}

/** Runs `callback` with the client as soon as it is loaded (now, if it is). Returns a cancel. */
export function onSupabaseLoaded(callback: (client: Client) => void): () => void {
  if (loaded) {
    callback(loaded);
    return () => undefined;
  }
  waiting.add(callback);
  return () => waiting.delete(callback);
}
