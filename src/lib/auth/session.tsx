/**
 * The signed-in user, as the rest of the SPA sees it. Supabase keeps the session (localStorage,
 * background refresh); this mirrors it into React through `onAuthStateChange`, which also fires
 * for sign-ins and sign-outs in other tabs.
 */
import type { Session, User } from '@supabase/supabase-js';
import { useQueryClient } from '@tanstack/react-query';
import { createContext, use, useEffect, useRef, useState, type ReactNode } from 'react';
import { supabase } from '@/lib/supabase';

export type SessionStatus = 'loading' | 'signed-in' | 'signed-out';

export type SessionState =
  | { status: 'loading'; session: null; user: null }
  | { status: 'signed-in'; session: Session; user: User }
  | { status: 'signed-out'; session: null; user: null };

const loading: SessionState = { status: 'loading', session: null, user: null };
const signedOut: SessionState = { status: 'signed-out', session: null, user: null };

const SessionContext = createContext<SessionState | null>(null);

type AuthClient = Pick<typeof supabase.auth, 'onAuthStateChange'>;

export function SessionProvider({
  children,
  auth = supabase.auth,
}: {
  children: ReactNode;
  auth?: AuthClient;
}) {
  const [state, setState] = useState<SessionState>(loading);
  const queryClient = useQueryClient();
  const userIdRef = useRef<string | null | undefined>(undefined);

  useEffect(() => {
    // Fires INITIAL_SESSION once the stored session is loaded, then on every change. The callback
    // must not await other supabase calls (auth-js holds a lock while it runs).
    const { data } = auth.onAuthStateChange((_event, session) => {
      const userId = session?.user.id ?? null;
      // Another user's cached data must never be shown: drop the cache when the user changes.
      if (userIdRef.current !== undefined && userIdRef.current !== userId) queryClient.clear();
      userIdRef.current = userId;
      setState(session ? { status: 'signed-in', session, user: session.user } : signedOut);
    });
    return () => data.subscription.unsubscribe();
  }, [auth, queryClient]);

  return <SessionContext value={state}>{children}</SessionContext>;
}

export function useSession(): SessionState {
  const state = use(SessionContext);
  if (!state) throw new Error('useSession must be used inside <SessionProvider>.');
  return state;
}
