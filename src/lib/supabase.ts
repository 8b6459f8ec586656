/**
 * The one browser Supabase client. It holds the public anon key and the user's session (persisted
 * in localStorage and refreshed in the background); Row-Level Security decides what it may read
 * and write. Secrets never live in the SPA — privileged work goes through `/api` functions.
 *
 * Composed from the Supabase libraries rather than supabase-js's `createClient`, which builds a
 * Realtime and a Storage client in its constructor (~23 kB gzip) for every page that reads a row
 * (ADR 0085). Auth and PostgREST are set up here exactly as supabase-js sets them up; Realtime and
 * Storage load on first use: `await supabase.realtime()`, `await supabase.storage()`.
 */
import { AuthClient } from '@supabase/auth-js';
import { PostgrestClient } from '@supabase/postgrest-js';
import type {
  RealtimeChannel,
  RealtimeChannelOptions,
  RealtimeClient,
  RealtimeRemoveChannelResponse,
} from '@supabase/realtime-js';
import type { StorageClient } from '@supabase/storage-js';
import { env } from '@/config/env';
import type { Database } from '@/shared/database.types';
import { sessionStorageKey, supabaseLoaded } from './supabase-registry';

const anonKey = env.supabaseAnonKey;
// With a trailing slash, so `auth/v1` resolves under a project URL that has a path.
const base = new URL(env.supabaseUrl.endsWith('/') ? env.supabaseUrl : `${env.supabaseUrl}/`);

const auth = new AuthClient({
  url: new URL('auth/v1', base).href,
  headers: { Authorization: `Bearer ${anonKey}`, apikey: anonKey },
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
  hasCustomAuthorizationHeader: false,
});

async function sessionToken(): Promise<string | null> {
  const { data } = await auth.getSession();
  return data.session?.access_token ?? null;
}

/**
 * supabase-js's `fetchWithAuth`: every request carries the anon key as `apikey` and the user's
 * access token (the anon key when signed out) as the bearer, unless the caller set them. The
 * global `fetch` is looked up per call, as supabase-js does, so a replaced one is used.
 */
function withAuth(inner: typeof fetch = (input, init) => fetch(input, init)): typeof fetch {
  return async (input, init) => {
    const token = await sessionToken();
    const headers = new Headers(init?.headers);
    if (!headers.has('apikey')) headers.set('apikey', anonKey);
    if (!headers.has('Authorization')) headers.set('Authorization', `Bearer ${token ?? anonKey}`);
    return inner(input, { ...init, headers });
  };
}

/** Caches a lazily created service; a failed load (a chunk that did not arrive) is tried again. */
function lazily<T>(create: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () =>
    (pending ??= create().catch((error: unknown) => {
      pending = undefined;
      throw error;
    }));
}

async function createRealtime(): Promise<RealtimeClient> {
  const { RealtimeClient } = await import('@supabase/realtime-js');
  const url = new URL('realtime/v1', base);
  url.protocol = url.protocol.replace('http', 'ws');
  const realtime = new RealtimeClient(url.href, {
    // Asked on connect and on every heartbeat: the channels join as the user, under RLS.
    accessToken: async () => (await sessionToken()) ?? anonKey,
    fetch: withAuth(),
    params: { apikey: anonKey },
  });
  // A channel joins with the token the client holds when it subscribes: hold the user's before
  // anyone can subscribe (supabase-js has it from INITIAL_SESSION, long before a page subscribes).
  let current = (await sessionToken()) ?? undefined;
  if (current) await realtime.setAuth(current);
  // Then the token follows the session, as supabase-js's `_handleTokenChanged` does: a refreshed
  // or new token is pushed to the joined channels; signed out, they fall back to the anon key.
  auth.onAuthStateChange((event, session) => {
    const token = session?.access_token;
    if (
      (event === 'TOKEN_REFRESHED' || event === 'SIGNED_IN' || event === 'INITIAL_SESSION') &&
      token !== current
    ) {
      current = token;
      void realtime.setAuth(token);
    } else if (event === 'SIGNED_OUT') {
      void realtime.setAuth();
      current = undefined;
    }
  });
  return realtime;
}

async function createStorage(): Promise<StorageClient> {
  const { StorageClient } = await import('@supabase/storage-js');
  return new StorageClient(new URL('storage/v1', base).href, {}, withAuth());
}

const realtime = lazily(createRealtime);
const storage = lazily(createStorage);
let realtimeRequested = false;

/** `from`, `rpc` and `schema` are PostgREST's own, typed by the generated `Database`. */
class BrowserSupabaseClient extends PostgrestClient<Database, { PostgrestVersion: '12' }, 'public'> {
  readonly auth = auth;

  /** The Realtime client, loading realtime-js on the first call. */
  realtime(): Promise<RealtimeClient> {
    realtimeRequested = true;
    return realtime();
  }

  /** The Storage client, loading storage-js on the first call. */
  storage(): Promise<StorageClient> {
    return storage();
  }

  async channel(name: string, options: RealtimeChannelOptions = { config: {} }): Promise<RealtimeChannel> {
    return (await this.realtime()).channel(name, options);
  }

  async removeChannel(channel: RealtimeChannel): Promise<RealtimeRemoveChannelResponse> {
    return (await this.realtime()).removeChannel(channel);
  }

  /** Leaves every channel; loads nothing when Realtime was never used. */
  async removeAllChannels(): Promise<RealtimeRemoveChannelResponse[]> {
    return realtimeRequested ? (await realtime()).removeAllChannels() : [];
  }
}

export const supabase = new BrowserSupabaseClient(new URL('rest/v1', base).href, {
  schema: 'public',
  fetch: (input, init) => fetch(input, init),
  wrapFetch: withAuth,
});

supabaseLoaded(supabase);

export type SupabaseBrowserClient = typeof supabase;
