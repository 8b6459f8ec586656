import type { AuthChangeEvent, Session } from '@supabase/auth-js';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, render, screen } from '@testing-library/react';
import { expect, it } from 'vitest';
import { sessionStorageKey, supabaseLoaded } from '@/lib/supabase-registry';
import { SessionProvider, useSession } from './session';

type Listener = (event: AuthChangeEvent, session: Session | null) => void;

/** Stands in for supabase.auth: the test decides when auth state changes. */
function fakeAuth() {
  let listener: Listener = () => undefined;
  return {
    emit: (event: AuthChangeEvent, session: Session | null) => act(() => listener(event, session)),
    onAuthStateChange(callback: Listener) {
      listener = callback;
      return { data: { subscription: { id: '1', callback, unsubscribe: () => undefined } } };
    },
  };
}

const sessionFor = (id: string, email: string) =>
  ({ access_token: 't', user: { id, email } }) as unknown as Session;

function Status() {
  const session = useSession();
  return <p>{session.status === 'signed-in' ? `signed in as ${session.user.email}` : session.status}</p>;
}

it('follows auth state, and drops cached data when the user changes', async () => {
  const auth = fakeAuth();
  const queryClient = new QueryClient();
  render(
    <QueryClientProvider client={queryClient}>
      <SessionProvider auth={auth as never}>
        <Status />
      </SessionProvider>
    </QueryClientProvider>,
  );
  expect(screen.getByText('loading')).toBeTruthy();

  await auth.emit('INITIAL_SESSION', sessionFor('u1', 'alice@example.com'));
  expect(screen.getByText('signed in as alice@example.com')).toBeTruthy();

  queryClient.setQueryData(['hires'], ['alice’s hire']);
  await auth.emit('TOKEN_REFRESHED', sessionFor('u1', 'alice@example.com'));
  expect(queryClient.getQueryData(['hires'])).toEqual(['alice’s hire']);

  await auth.emit('SIGNED_OUT', null);
  expect(screen.getByText('signed-out')).toBeTruthy();
  expect(queryClient.getQueryData(['hires'])).toBeUndefined();

  queryClient.setQueryData(['catalog'], ['public data cached while signed out']);
  await auth.emit('SIGNED_IN', sessionFor('u2', 'bob@example.com'));
  expect(screen.getByText('signed in as bob@example.com')).toBeTruthy();
  expect(queryClient.getQueryData(['catalog'])).toBeUndefined();
});

function renderProvider() {
  render(
    <QueryClientProvider client={new QueryClient()}>
      <SessionProvider>
        <Status />
      </SessionProvider>
    </QueryClientProvider>,
  );
}

// The client module's stand-in, announced to the registry as `@/lib/supabase` announces itself.
const lazyAuth = fakeAuth();

it('signs a visitor with no stored session out at once, and follows the client once a page loads it', async () => {
  localStorage.clear();
  renderProvider();
  // No client needed to know nobody is signed in (public pages go without it; ADR 0067).
  expect(screen.getByText('signed-out')).toBeTruthy();
  act(() => supabaseLoaded({ auth: lazyAuth } as never));
  await lazyAuth.emit('SIGNED_IN', sessionFor('u3', 'carol@example.com'));
  expect(screen.getByText('signed in as carol@example.com')).toBeTruthy();
});

it('waits for the client when a session is stored, and believes the client over the stored value', async () => {
  localStorage.setItem(sessionStorageKey, '{"expired":"session"}');
  renderProvider();
  expect(screen.getByText('loading')).toBeTruthy();
  await lazyAuth.emit('INITIAL_SESSION', null);
  expect(screen.getByText('signed-out')).toBeTruthy();
  localStorage.clear();
});
