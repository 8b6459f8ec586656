/**
 * OAuth sign-in with GitHub and Google through the real supabase-js (PKCE: signInWithOAuth →
 * provider stand-in → callback → exchangeCodeForSession), identity linking by email, and the
 * failures a caller can meet.
 */
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { afterAll, describe, expect, it } from 'vitest';
import { PASSWORD, authFetch, env, signedUpUser, superuser, uniqueEmail } from './helpers';
import { signInThroughStandIn } from './oauth-stand-in';

const db = superuser();
afterAll(() => db.end());

class NoRealtime {
  constructor() {
    throw new Error('no Realtime here');
  }
}

function pkceClient(): SupabaseClient {
  return createClient(env.url, env.anonKey, {
    auth: { flowType: 'pkce', persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    realtime: { transport: NoRealtime as never },
  });
}

const landing = `${env.appUrl}/dashboard`;

async function oauthUrl(client: SupabaseClient, provider: 'github' | 'google'): Promise<string> {
  const { data, error } = await client.auth.signInWithOAuth({
    provider,
    options: { redirectTo: landing, skipBrowserRedirect: true },
  });
  expect(error).toBeNull();
  return data.url!;
}

describe('OAuth sign-in (PKCE)', () => {
  it('signs a new GitHub user in: code on the app URL, session from exchangeCodeForSession', async () => {
    const client = pkceClient();
    const email = uniqueEmail('gh-new');
    const url = await oauthUrl(client, 'github');
    expect(url).toMatch(new RegExp(`^${env.url}/auth/v1/authorize\\?provider=github&redirect_to=`));
    expect(new URL(url).searchParams.get('code_challenge_method')).toBe('s256');

    const landed = await signInThroughStandIn(url, { email, name: 'Grace Hopper', login: 'ghopper' });
    expect(`${landed.origin}${landed.pathname}`).toBe(landing);
    const code = landed.searchParams.get('code')!;
    expect(code).toMatch(/^[0-9a-f-]{36}$/);

    const { data, error } = await client.auth.exchangeCodeForSession(code);
    expect(error).toBeNull();
    const user = data.user!;
    expect(user.email).toBe(email);
    expect(user.email_confirmed_at).not.toBeNull();
    expect(user.app_metadata).toEqual({ provider: 'github', providers: ['github'] });
    expect(user.user_metadata).toMatchObject({
      iss: 'https://api.github.com',
      email,
      email_verified: true,
      full_name: 'Grace Hopper',
      user_name: 'ghopper',
      preferred_username: 'ghopper',
    });
    expect(user.identities?.map((identity) => identity.provider)).toEqual(['github']);
    expect(data.session?.provider_token).toMatch(/^gho_/);
    const claims = JSON.parse(Buffer.from(data.session!.access_token.split('.')[1]!, 'base64url').toString());
    expect(claims.amr).toEqual([{ method: 'oauth', timestamp: expect.any(Number) }]);

    // Signing in again with the same GitHub identity is the same user, not a second one.
    const again = pkceClient();
    const second = await signInThroughStandIn(await oauthUrl(again, 'github'), {
      email,
      name: 'Grace Hopper',
    });
    const { data: secondData } = await again.auth.exchangeCodeForSession(second.searchParams.get('code')!);
    expect(secondData.user?.id).toBe(user.id);
    const { rows } = await db.query('select count(*)::int as n from auth.users where email = $1', [email]);
    expect(rows[0].n).toBe(1);
  });

  it('links a Google identity to the password account with the same email, as GoTrue does', async () => {
    const { email, session } = await signedUpUser('google-link');
    const client = pkceClient();
    const landed = await signInThroughStandIn(await oauthUrl(client, 'google'), {
      email,
      name: 'Ada Lovelace',
    });
    const { data, error } = await client.auth.exchangeCodeForSession(landed.searchParams.get('code')!);
    expect(error).toBeNull();
    expect(data.user?.id).toBe(session.user.id);
    expect(data.user?.app_metadata).toEqual({ provider: 'email', providers: ['email', 'google'] });
    expect(data.user?.identities?.map((identity) => identity.provider).sort()).toEqual(['email', 'google']);
    // The password still works: linking added a way in, it took none away.
    const { error: passwordError } = await pkceClient().auth.signInWithPassword({
      email,
      password: PASSWORD,
    });
    expect(passwordError).toBeNull();
  });

  it('refuses a code exchanged with another client’s verifier, or twice', async () => {
    const client = pkceClient();
    const landed = await signInThroughStandIn(await oauthUrl(client, 'github'), {
      email: uniqueEmail('gh-replay'),
    });
    const code = landed.searchParams.get('code')!;

    // Another client (another browser) holds a different verifier for its own flow.
    const stranger = pkceClient();
    await oauthUrl(stranger, 'github');
    const stolen = await stranger.auth.exchangeCodeForSession(code);
    expect(stolen.error?.code).toBe('bad_code_verifier');
    expect(stolen.error?.message).toBe('code challenge does not match previously saved code verifier');
    expect(stolen.data.session).toBeNull();

    // The stranger's attempt changed nothing: the rightful client still signs in, exactly once.
    const rightful = await client.auth.exchangeCodeForSession(code);
    expect(rightful.error).toBeNull();
    expect(rightful.data.session?.access_token).toBeTruthy();
    // auth-js forgets its verifier after use, so the replay goes over HTTP.
    const replay = await authFetch('/token?grant_type=pkce', {
      method: 'POST',
      body: { auth_code: code, code_verifier: 'x'.repeat(43) },
    });
    expect(replay.status).toBe(404);
    expect(replay.body).toEqual({
      code: 'flow_state_not_found',
      message: 'invalid flow state, no valid flow state found',
    });
  });

  it('sends a denied consent back to the app as an error, and refuses providers that are off', async () => {
    const denied = await signInThroughStandIn(await oauthUrl(pkceClient(), 'github'), {
      email: '',
      deny: true,
    });
    expect(`${denied.origin}${denied.pathname}`).toBe(landing);
    expect(denied.searchParams.get('error')).toBe('access_denied');
    expect(denied.searchParams.get('code')).toBeNull();

    const gitlab = await authFetch('/authorize?provider=gitlab');
    expect(gitlab.status).toBe(400);
    expect(gitlab.body).toEqual({
      code: 'validation_failed',
      message: 'Unsupported provider: provider is not enabled',
    });

    const settings = await authFetch('/settings');
    expect(settings.body?.external).toMatchObject({ github: true, google: true, gitlab: false, email: true });
  });

  it('refuses a callback whose state was not issued by this server', async () => {
    const forged = await authFetch('/callback?code=x&state=not-a-jwt');
    expect(forged.status).toBe(400);
    expect(forged.body).toEqual({ code: 'bad_oauth_state', message: 'OAuth callback with invalid state' });
  });
});
