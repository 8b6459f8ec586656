/**
 * The signed-in user, as the rest of the SPA sees it. Supabase keeps the session (localStorage,
 * background refresh); this mirrors it into React through `onAuthStateChange`, which also fires
 * for sign-ins and sign-outs in other tabs.
 *
 * The client is not loaded for a visitor with no stored session (ADR 0067): they are signed out
 * at once, and the listener attaches when a page loads the client (signing in does) or another
 * tab stores a session.
 */
import type { Session, User } from '@supabase/auth-js';
import { useQueryClient } from '@tanstack/react-query';
import { createContext, use, useEffect, useRef, useState, type ReactNode } from 'react';
import type { SupabaseBrowserClient } from '@/lib/supabase';
import { loadSupabase, mayHaveSession, onSupabaseLoaded, sessionStorageKey } from '@/lib/supabase-lazy';

export type SessionStatus = 'loading' | 'signed-in' | 'signed-out';

export type SessionState =
  | { status: 'loading'; session: null; user: null }
  | { status: 'signed-in'; session: Session; user: User }
  | { status: 'signed-out'; session: null; user: null };

const loading: SessionState = { status: 'loading', session: null, user: null };
const signedOut: SessionState = { status: 'signed-out', session: null, user: null };

const SessionContext = createContext<SessionState | null>(null);

type AuthClient = Pick<SupabaseBrowserClient['auth'], 'onAuthStateChange'>;

export function SessionProvider({
  children,
  auth,
}: {
  children: ReactNode;
  /** Tests pass their own; otherwise the Supabase client's, once it is loaded. */
  auth?: AuthClient;
}) {
  // Decided once, on the first render: whether anyone can be signed in before the client says so.
  const [knownSignedOut] = useState(() => !auth && !mayHaveSession(sessionStorageKey));
  const [state, setState] = useState<SessionState>(knownSignedOut ? signedOut : loading);
  const queryClient = useQueryClient();
  const userIdRef = useRef<string | null | undefined>(knownSignedOut ? null : undefined);

  useEffect(() => {
    let unsubscribe: (() => void) | undefined;
    const attach = (client: AuthClient) => {
      // Fires INITIAL_SESSION once the stored session is loaded, then on every change. The
      // callback must not await other supabase calls (auth-js holds a lock while it runs).
      const { data } = client.onAuthStateChange((_event, session) => {
        const userId = session?.user.id ?? null;
        // Another user's cached data must never be shown: drop the cache when the user changes.
        if (userIdRef.current !== undefined && userIdRef.current !== userId) queryClient.clear();
        userIdRef.current = userId;
        setState(session ? { status: 'signed-in', session, user: session.user } : signedOut);
      });
      unsubscribe = () => data.subscription.unsubscribe();
    };
    if (auth) {
      attach(auth);
      return () => unsubscribe?.();
    }
    const cancelWait = onSupabaseLoaded((client) => attach(client.auth));
    if (!knownSignedOut) void loadSupabase();
    // A sign-in in another tab: the client (once loaded) follows other tabs itself.
    const onStorage = (event: StorageEvent) => {
      if (event.key === sessionStorageKey && event.newValue) void loadSupabase();
    };
    window.addEventListener('storage', onStorage);
    return () => {
      cancelWait();
      window.removeEventListener('storage', onStorage);
      unsubscribe?.();
    };
  }, [auth, knownSignedOut, queryClient]);

  return <SessionContext value={state}>{children}</SessionContext>;
}

/**
 * A fixed signed-out session, for markup rendered where nobody can be signed in yet: the marketing
 * pages prerendered at build time (ADR 0083). The browser never runs this; the SPA takes over
 * those pages when a session may be stored.
 */
export function SignedOutSession({ children }: { children: ReactNode }) {
  return <SessionContext value={signedOut}>{children}</SessionContext>;
}

export function useSession(): SessionState {
  const state = use(SessionContext);
  if (!state) throw new Error('useSession must be used inside <SessionProvider>.');
  return state;
}
