/**
 * GET /api/account/sessions and DELETE /api/account/sessions/:id (ADR 0071): the real functions
 * against the local Auth's sessions. Another user can never see or end my sessions, and a
 * signed-out token can do neither.
 */
import { afterAll, describe, expect, it } from 'vitest';
import endSessionFunction from '../../../netlify/functions/account-session-end.mjs';
import listSessionsFunction from '../../../netlify/functions/account-sessions.mjs';
import { closeDbPools } from '../../../netlify/lib/db';
import { accountSessionsResponseSchema } from '../../../src/shared/account-contract';
import { apiRequest, netlifyContext, readError } from '../http/helpers';
import { PASSWORD, anonClient, claimsOf, signedUpUser } from '../supabase-api/auth/helpers';

afterAll(() => closeDbPools());

/** A device signed in with its own user agent, as a browser on another machine would be. */
async function signInAs(email: string, userAgent: string) {
  const response = await fetch(`${process.env.SUPABASE_URL}/auth/v1/token?grant_type=password`, {
    method: 'POST',
    headers: {
      apikey: process.env.SUPABASE_ANON_KEY!,
      'content-type': 'application/json',
      'user-agent': userAgent,
    },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  const body = (await response.json()) as { access_token: string };
  return { token: body.access_token, sessionId: claimsOf(body.access_token).session_id as string };
}

const list = async (token: string) =>
  listSessionsFunction(apiRequest('/api/account/sessions', { token }), netlifyContext());

const end = (token: string, id: string) =>
  endSessionFunction(
    apiRequest(`/api/account/sessions/${id}`, { method: 'DELETE', token }),
    netlifyContext({ params: { id } }),
  );

async function sessionsOf(token: string) {
  const response = await list(token);
  expect(response.status).toBe(200);
  return accountSessionsResponseSchema.parse(await response.json()).sessions;
}

describe('the sessions list', () => {
  it('lists my devices with their user agent, address and times, this one first and marked', async () => {
    const me = await signedUpUser('sessions-list');
    const phone = await signInAs(me.email, 'Phone Browser/1.0');
    const laptop = await signInAs(me.email, 'Laptop Browser/2.0');
    const sessions = await sessionsOf(laptop.token);
    expect(sessions.map((session) => session.id)).toContain(phone.sessionId);
    expect(sessions).toHaveLength(3);
    expect(sessions[0]).toMatchObject({
      id: laptop.sessionId,
      current: true,
      user_agent: 'Laptop Browser/2.0',
      ip: '127.0.0.1',
    });
    expect(sessions.filter((session) => session.current)).toHaveLength(1);
    expect(sessions.find((session) => session.id === phone.sessionId)).toMatchObject({
      user_agent: 'Phone Browser/1.0',
      refreshed_at: null,
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
  });

  it('never shows another user’s sessions', async () => {
    const me = await signedUpUser('sessions-mine');
    const stranger = await signedUpUser('sessions-stranger');
    const mine = (await sessionsOf(me.session.access_token)).map((session) => session.id);
    const theirs = (await sessionsOf(stranger.session.access_token)).map((session) => session.id);
    expect(mine).toEqual([claimsOf(me.session.access_token).session_id]);
    expect(theirs).toEqual([claimsOf(stranger.session.access_token).session_id]);
  });
});

describe('ending a session', () => {
  it('signs that device out: its refresh token stops working, the others stay', async () => {
    const me = await signedUpUser('sessions-end');
    const phone = anonClient();
    const { data } = await phone.auth.signInWithPassword({ email: me.email, password: PASSWORD });
    const phoneSession = claimsOf(data.session!.access_token).session_id as string;

    const response = await end(me.session.access_token, phoneSession);
    expect(response.status).toBe(204);
    expect((await phone.auth.refreshSession()).error?.message).toMatch(/Invalid Refresh Token/);
    expect((await sessionsOf(me.session.access_token)).map((session) => session.id)).toEqual([
      claimsOf(me.session.access_token).session_id,
    ]);
    // Ending it again: it is gone.
    expect((await end(me.session.access_token, phoneSession)).status).toBe(404);
  });

  it('refuses to end another user’s session, exactly as if it did not exist, and it stays signed in', async () => {
    const victim = await signedUpUser('sessions-victim');
    const attacker = await signedUpUser('sessions-attacker');
    const victimSession = claimsOf(victim.session.access_token).session_id as string;
    const response = await end(attacker.session.access_token, victimSession);
    expect(response.status).toBe(404);
    const unknown = await end(attacker.session.access_token, crypto.randomUUID());
    expect(await readError(unknown)).toMatchObject({
      code: 'NOT_FOUND',
      message: (await readError(response)).message,
    });
    expect((await victim.client.auth.getUser()).error).toBeNull();
    expect((await sessionsOf(victim.session.access_token)).map((session) => session.id)).toEqual([
      victimSession,
    ]);
  });

  it('a signed-out token can neither list nor end sessions', async () => {
    const me = await signedUpUser('sessions-signed-out');
    const other = await signInAs(me.email, 'Other/1.0');
    const stale = me.session.access_token;
    await me.client.auth.signOut({ scope: 'local' });
    expect((await list(stale)).status).toBe(401);
    const response = await end(stale, other.sessionId);
    expect(response.status).toBe(401);
    expect((await sessionsOf(other.token)).map((session) => session.id)).toEqual([other.sessionId]);
  });

  it('refuses a malformed id with 400 and no token with 401', async () => {
    const me = await signedUpUser('sessions-bad-input');
    const bad = await endSessionFunction(
      apiRequest('/api/account/sessions/not-a-uuid', { method: 'DELETE', token: me.session.access_token }),
      netlifyContext({ params: { id: 'not-a-uuid' } }),
    );
    expect(bad.status).toBe(400);
    expect((await list('')).status).toBe(401);
  });
});
