// @vitest-environment jsdom
/**
 * The browser client's Realtime loads on first use (ADR 0085), so it can come before or after the
 * sign-in. Either way its channels join as the user: loaded while signed out, it takes the token
 * of the sign-in that follows (a private topic only its user may read then lets it in), a refreshed
 * token reaches it, and after sign-out it is back to the anon key — what supabase-js did.
 */
import { randomUUID } from 'node:crypto';
import { waitFor } from '@testing-library/react';
import type { RealtimeClient } from '@supabase/realtime-js';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import WebSocket from 'ws';

vi.hoisted(() => {
  process.env.VITE_SUPABASE_URL = process.env.SUPABASE_URL;
  process.env.VITE_SUPABASE_ANON_KEY = process.env.SUPABASE_ANON_KEY;
});
vi.stubGlobal('WebSocket', WebSocket);

const { supabase } = await import('@/lib/supabase');
const { applyFixture } = await import('../supabase-api/realtime/helpers');

beforeAll(applyFixture);

afterAll(async () => {
  await supabase.removeAllChannels();
  await supabase.auth.signOut();
});

/** The first status of a private channel's join: SUBSCRIBED, or why not. */
const joinPrivate = (realtime: RealtimeClient, topic: string) =>
  new Promise<string>((resolve) => {
    realtime.channel(topic, { config: { private: true } }).subscribe((status) => resolve(status));
  });

it('joins as the user signed in after Realtime loaded, follows a refreshed token, and drops it on sign-out', async () => {
  await supabase.auth.signOut();
  const realtime = await supabase.realtime();

  const { data, error } = await supabase.auth.signUp({
    email: `realtime-auth-${randomUUID()}@example.com`,
    password: 'correct horse battery staple',
  });
  if (error) throw error;
  const session = data.session!;
  await waitFor(() => expect(realtime.accessTokenValue).toBe(session.access_token));
  // The compat fixture's policy: only the user reads `compat-private:<their id>`.
  expect(await joinPrivate(realtime, `compat-private:${session.user.id}`)).toBe('SUBSCRIBED');

  // A token issued in the same second as the first would be the same string.
  await new Promise((resolve) => setTimeout(resolve, 1100));
  const refreshed = await supabase.auth.refreshSession();
  if (refreshed.error) throw refreshed.error;
  const newToken = refreshed.data.session!.access_token;
  expect(newToken).not.toBe(session.access_token);
  await waitFor(() => expect(realtime.accessTokenValue).toBe(newToken));

  await supabase.auth.signOut();
  await waitFor(() => expect(realtime.accessTokenValue).toBe(process.env.SUPABASE_ANON_KEY));
});
