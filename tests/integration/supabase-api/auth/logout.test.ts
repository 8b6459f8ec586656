import type { SupabaseClient } from '@supabase/supabase-js';
import { describe, expect, it } from 'vitest';
import { signIn, signedUpUser } from './helpers';

/** Three devices signed in as one user. */
async function threeDevices(label: string): Promise<[SupabaseClient, SupabaseClient, SupabaseClient]> {
  const { client, email } = await signedUpUser(label);
  return [client, await signIn(email), await signIn(email)];
}

async function sessionAlive(client: SupabaseClient, accessToken: string): Promise<boolean> {
  const { error } = await client.auth.getUser(accessToken);
  return error === null;
}

async function tokensOf(clients: SupabaseClient[]): Promise<[string, string, string]> {
  const tokens = await Promise.all(
    clients.map(async (client) => (await client.auth.getSession()).data.session!.access_token),
  );
  return [tokens[0]!, tokens[1]!, tokens[2]!];
}

describe('sign-out scopes', () => {
  it('global (the default) ends every session of the user', async () => {
    const devices = await threeDevices('logout-global');
    const tokens = await tokensOf(devices);
    const { error } = await devices[0].auth.signOut();
    expect(error).toBeNull();
    expect((await devices[0].auth.getSession()).data.session).toBeNull();
    for (const token of tokens) expect(await sessionAlive(devices[1], token)).toBe(false);
  });

  it('local ends only this session', async () => {
    const devices = await threeDevices('logout-local');
    const tokens = await tokensOf(devices);
    await devices[0].auth.signOut({ scope: 'local' });
    expect(await sessionAlive(devices[1], tokens[0])).toBe(false);
    expect(await sessionAlive(devices[1], tokens[1])).toBe(true);
    expect(await sessionAlive(devices[2], tokens[2])).toBe(true);
  });

  it('others ends every session but this one', async () => {
    const devices = await threeDevices('logout-others');
    const tokens = await tokensOf(devices);
    await devices[0].auth.signOut({ scope: 'others' });
    expect((await devices[0].auth.getSession()).data.session).not.toBeNull();
    expect(await sessionAlive(devices[0], tokens[0])).toBe(true);
    expect(await sessionAlive(devices[0], tokens[1])).toBe(false);
    expect(await sessionAlive(devices[0], tokens[2])).toBe(false);
  });

  it('answers 204 and refuses unknown scopes', async () => {
    const { session } = await signedUpUser('logout-raw');
    const logout = (scope: string) =>
      fetch(`${process.env.SUPABASE_URL}/auth/v1/logout?scope=${scope}`, {
        method: 'POST',
        headers: {
          apikey: process.env.SUPABASE_ANON_KEY!,
          authorization: `Bearer ${session.access_token}`,
          'x-supabase-api-version': '2024-01-01',
        },
      });
    const bad = await logout('everything');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'validation_failed' });
    const ok = await logout('local');
    expect(ok.status).toBe(204);
    expect(await ok.text()).toBe('');
  });
});
