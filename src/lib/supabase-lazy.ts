/**
 * The Supabase client without its cost on public pages: the client (auth, PostgREST, Storage,
 * Realtime: ~57 kB gzip) loads when a signed-in or data route needs it, not for every visitor of
 * the landing page (ADR 0067). Data modules keep importing `@/lib/supabase` directly — they are
 * only reached from lazily loaded routes; code in the app shell (the session, the header, the API
 * client) goes through here.
 */
import type { SupabaseBrowserClient } from './supabase';
export { onSupabaseLoaded, sessionStorageKey } from './supabase-registry';

let loading: Promise<SupabaseBrowserClient> | undefined;

/** The client, loading its module on the first call. */
export function loadSupabase(): Promise<SupabaseBrowserClient> {
  loading ??= import('./supabase').then((module) => module.supabase);
  return loading;
}

/**
 * Whether this browser may hold a session, so the client must be loaded to know who is signed
 * in: a stored session (auth-js keeps it in localStorage under `sessionStorageKey`), or an auth
 * redirect coming back with `?code=` (PKCE) or an error for the client to read.
 */
export function mayHaveSession(key: string, location: Location = window.location): boolean {
  let stored: string | null = null;
  try {
    stored = window.localStorage.getItem(key);
  } catch {
    // Storage blocked (privacy settings): the client will find no session either — but let it say so.
    return true;
  }
  if (stored) return true;
  const query = new URLSearchParams(location.search);
  const hash = new URLSearchParams(location.hash.replace(/^#/, ''));
  return (
    ['code', 'error', 'error_description'].some((name) => query.has(name) || hash.has(name)) ||
    hash.has('access_token')
  );
}
