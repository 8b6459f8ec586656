// @vitest-environment jsdom
/**
 * The SPA's live rows (src/lib/live) against the real local Supabase API and Realtime server:
 * the credit balance follows a purchase granted by the webhook path (billing.add_purchased_credits)
 * without a reload or a poll, the chat sessions list shows a chat started elsewhere, and after
 * the connection drops the views say "reconnecting", then catch up on what changed meanwhile; a
 * view on a private broadcast topic (how team runs stream, ADR 0028) refreshes on each message.
 */
import { randomUUID } from 'node:crypto';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, renderHook, waitFor } from '@testing-library/react';
import pg from 'pg';
import { createElement, type ReactNode } from 'react';
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import WebSocket from 'ws';

// jsdom's WebSocket is not the one supabase-js expects in Node; use `ws`, as the browser's.
vi.hoisted(() => {
  process.env.VITE_SUPABASE_URL = process.env.SUPABASE_URL;
  process.env.VITE_SUPABASE_ANON_KEY = process.env.SUPABASE_ANON_KEY;
});
vi.stubGlobal('WebSocket', WebSocket);

const { useCreditBalance } = await import('@/lib/credit-balance');
const { useChatSessions } = await import('@/features/chat/api/get-sessions');
const { useLiveConnection, useLiveQuery } = await import('@/lib/live');
const { applyFixture } = await import('../supabase-api/realtime/helpers');
const { supabase } = await import('@/lib/supabase');

const db = new pg.Client({ connectionString: process.env.DATABASE_URL });
let userId: string;

function wrapper({ children }: { children: ReactNode }) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return createElement(QueryClientProvider, { client }, children);
}

beforeAll(async () => {
  await applyFixture();
  await db.connect();
  const { data, error } = await supabase.auth.signUp({
    email: `live-${randomUUID()}@example.com`,
    password: 'correct horse battery staple',
  });
  if (error) throw error;
  userId = data.user!.id;
});

afterEach(() => cleanup());

afterAll(async () => {
  await supabase.removeAllChannels();
  await supabase.auth.signOut();
  await db.end();
});

const buyPack = (credits: number) =>
  db.query(`select billing.add_purchased_credits($1, $2, $3)`, [
    userId,
    credits,
    `live-test-${randomUUID()}`,
  ]);

// The fallback poll is 10 s: anything seen well before that came over Realtime.
const live = { timeout: 4000 };

it('shows a purchase in the balance as soon as it is granted', async () => {
  const { result } = renderHook(
    () => ({ balance: useCreditBalance(userId), connection: useLiveConnection() }),
    {
      wrapper,
    },
  );
  await waitFor(() => expect(result.current.connection).toBe('live'), live);
  await waitFor(() => expect(result.current.balance.data).toBeDefined());
  const before = result.current.balance.data!.purchased;
  await buyPack(10_000_000);
  await waitFor(() => expect(result.current.balance.data?.purchased).toBe(before + 10_000_000), live);
});

it('lists a chat started in another tab', async () => {
  const { result } = renderHook(() => useChatSessions(), { wrapper });
  await waitFor(() => expect(result.current.isSuccess).toBe(true));
  const realtime = await supabase.realtime();
  await waitFor(() =>
    expect(realtime.getChannels().some((c) => c.topic.includes('chat_sessions'))).toBe(true),
  );
  await new Promise((resolve) => setTimeout(resolve, 300));
  const title = `Started elsewhere ${randomUUID().slice(0, 6)}`;
  await db.query(`insert into public.chat_sessions (user_id, title) values ($1, $2)`, [userId, title]);
  await waitFor(() => expect(result.current.data?.map((session) => session.title)).toContain(title), live);
});

it('says it is reconnecting when the socket drops, and catches up on the gap', async () => {
  const { result } = renderHook(
    () => ({ balance: useCreditBalance(userId), connection: useLiveConnection() }),
    {
      wrapper,
    },
  );
  await waitFor(() => expect(result.current.connection).toBe('live'), live);
  await waitFor(() => expect(result.current.balance.data).toBeDefined());
  const before = result.current.balance.data!.purchased;

  const socket = (
    (await supabase.realtime()) as unknown as { socketAdapter: { getSocket(): { conn: WebSocket } } }
  ).socketAdapter.getSocket();
  socket.conn.terminate();
  await waitFor(() => expect(result.current.connection).toBe('reconnecting'), live);
  await buyPack(27_000_000);
  await waitFor(() => expect(result.current.connection).toBe('live'), { timeout: 8000 });
  await waitFor(() => expect(result.current.balance.data?.purchased).toBe(before + 27_000_000), live);
});

it('re-fetches a view on a private broadcast topic when the database broadcasts on commit', async () => {
  // The compat fixture's policy: only the user reads `compat-private:<their id>`.
  const topic = `compat-private:${userId}`;
  let fetches = 0;
  const { result } = renderHook(
    () => ({
      query: useLiveQuery({ queryKey: ['live-topic-test'], queryFn: async () => ++fetches, live: { topic } }),
      connection: useLiveConnection(),
    }),
    { wrapper },
  );
  await waitFor(() => expect(result.current.connection).toBe('live'), live);
  await waitFor(() => expect(result.current.query.data).toBe(1));
  await db.query(`select realtime.send('{"step": 1}', 'UPDATE', $1, true)`, [topic]);
  await waitFor(() => expect(result.current.query.data).toBe(2), live);
});
