// @vitest-environment jsdom
/**
 * A run's live view (src/lib/use-run-events.ts) follows the run's private Realtime topic
 * `run:<id>`: an event committed by the engine shows up well before the view's fallback poll would
 * read it, and only the run's owner may join the topic (RLS on realtime.messages).
 */
import { randomUUID } from 'node:crypto';
import { createClient } from '@supabase/supabase-js';
import { cleanup, renderHook, waitFor } from '@testing-library/react';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import WebSocket from 'ws';

vi.hoisted(() => {
  process.env.VITE_SUPABASE_URL = process.env.SUPABASE_URL;
  process.env.VITE_SUPABASE_ANON_KEY = process.env.SUPABASE_ANON_KEY;
});
vi.stubGlobal('WebSocket', WebSocket);

const { useRunEvents } = await import('@/lib/use-run-events');
const { supabase } = await import('@/lib/supabase');

const db = new pg.Client({ connectionString: process.env.DATABASE_URL });
let runId: string;

beforeAll(async () => {
  await db.connect();
  const { data, error } = await supabase.auth.signUp({
    email: `run-live-${randomUUID()}@example.com`,
    password: 'correct horse battery staple',
  });
  if (error) throw error;
  const { rows } = await db.query<{ id: string }>(
    `insert into public.runs (user_id, kind, title, budget_credits) values ($1, 'team_run', 'live run', 1000) returning id`,
    [data.user!.id],
  );
  runId = rows[0]!.id;
});

afterEach(() => cleanup());

afterAll(async () => {
  await supabase.removeAllChannels();
  await supabase.auth.signOut();
  await db.end();
});

const addEvent = (seq: number, type: string) =>
  db.query(`insert into public.run_events (run_id, seq, type, data) values ($1, $2, $3, '{}')`, [
    runId,
    seq,
    type,
  ]);

it("shows a run's new events as they are committed, through its private topic", async () => {
  await addEvent(1, 'run_started');
  const { result } = renderHook(() => useRunEvents(runId));
  await waitFor(() => expect(result.current.events.map((event) => event.seq)).toEqual([1]));
  const realtime = await supabase.realtime();
  await waitFor(() =>
    expect(realtime.getChannels().find((c) => c.topic === `realtime:run:${runId}`)?.state).toBe('joined'),
  );

  // Joined, the view reads every 15 s at most by itself: within 3 s means the broadcast did it.
  await addEvent(2, 'step_started');
  await waitFor(() => expect(result.current.events.map((event) => event.seq)).toEqual([1, 2]), {
    timeout: 3000,
  });
});

it("refuses another user's join of the run's topic", async () => {
  const other = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_ANON_KEY!, {
    auth: { persistSession: false },
    realtime: { transport: WebSocket as never },
  });
  try {
    const { error } = await other.auth.signUp({
      email: `run-intruder-${randomUUID()}@example.com`,
      password: 'correct horse battery staple',
    });
    expect(error).toBeNull();
    await other.realtime.setAuth();
    const status = await new Promise<string>((resolve) => {
      other.channel(`run:${runId}`, { config: { private: true } }).subscribe((state) => {
        if (state !== 'SUBSCRIBED' && state !== 'CLOSED') resolve(state);
        if (state === 'SUBSCRIBED') resolve(state);
      });
    });
    expect(status).toBe('CHANNEL_ERROR');
  } finally {
    await other.removeAllChannels();
  }
});
