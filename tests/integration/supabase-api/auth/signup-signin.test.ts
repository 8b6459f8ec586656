import { AuthWeakPasswordError, isAuthApiError } from '@supabase/supabase-js';
import { afterAll, describe, expect, it } from 'vitest';
import { PASSWORD, anonClient, claimsOf, env, signedUpUser, superuser, uniqueEmail } from './helpers';

const db = superuser();
afterAll(() => db.end());

describe('sign-up (autoconfirm, the local default)', () => {
  it('creates a confirmed user with its metadata and returns a session', async () => {
    const email = uniqueEmail('Signup');
    const { data, error } = await anonClient().auth.signUp({
      email,
      password: PASSWORD,
      options: { data: { full_name: 'Ada Lovelace' } },
    });
    expect(error).toBeNull();
    const { session, user } = data;
    expect(session?.token_type).toBe('bearer');
    expect(session?.expires_in).toBe(3600);
    expect(session?.refresh_token).toMatch(/^[A-Za-z0-9]{12}$/);
    expect(user?.email).toBe(email.toLowerCase());
    expect(user?.email_confirmed_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    expect(user?.user_metadata).toMatchObject({
      full_name: 'Ada Lovelace',
      email_verified: true,
      sub: user?.id,
    });
    expect(user?.app_metadata).toEqual({ provider: 'email', providers: ['email'] });
    expect(user?.identities).toEqual([
      expect.objectContaining({
        provider: 'email',
        id: user?.id,
        user_id: user?.id,
        email: email.toLowerCase(),
      }),
    ]);

    const { rows } = await db.query(
      'select raw_user_meta_data, encrypted_password, aud, role from auth.users where id = $1',
      [user?.id],
    );
    expect(rows[0].raw_user_meta_data.full_name).toBe('Ada Lovelace');
    expect(rows[0].encrypted_password).toMatch(/^\$2[ab]\$10\$/);
    expect(rows[0]).toMatchObject({ aud: 'authenticated', role: 'authenticated' });
  });

  it('issues access tokens with the claims of Supabase Auth', async () => {
    const { session } = await signedUpUser('claims', { plan: 'free' });
    const claims = claimsOf(session.access_token);
    const now = Math.floor(Date.now() / 1000);
    expect(claims).toMatchObject({
      iss: `${env.url}/auth/v1`,
      sub: session.user.id,
      aud: 'authenticated',
      role: 'authenticated',
      email: session.user.email,
      phone: '',
      app_metadata: { provider: 'email', providers: ['email'] },
      user_metadata: expect.objectContaining({ plan: 'free' }),
      aal: 'aal1',
      amr: [{ method: 'password', timestamp: expect.any(Number) }],
      is_anonymous: false,
    });
    expect(claims.session_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(claims.exp).toBe((claims.iat as number) + 3600);
    expect(Math.abs((claims.iat as number) - now)).toBeLessThan(5);
    const { rows } = await db.query('select user_id from auth.sessions where id = $1', [claims.session_id]);
    expect(rows).toEqual([{ user_id: session.user.id }]);
  });

  it('refuses an address that is already registered', async () => {
    const { email } = await signedUpUser('duplicate');
    const { data, error } = await anonClient().auth.signUp({
      email: email.toUpperCase(),
      password: PASSWORD,
    });
    expect(data.session).toBeNull();
    expect(error).toMatchObject({
      status: 422,
      code: 'user_already_exists',
      message: 'User already registered',
    });
  });

  it('refuses weak passwords with the reasons', async () => {
    const { error } = await anonClient().auth.signUp({ email: uniqueEmail('weak'), password: '1234567' });
    expect(error).toBeInstanceOf(AuthWeakPasswordError);
    expect(error).toMatchObject({ status: 422, code: 'weak_password', reasons: ['length'] });
    // supabase/config.toml sets minimum_password_length = 10, and the local server applies it.
    expect(error?.message).toBe('Password should be at least 10 characters.');
  });

  it('refuses malformed email addresses', async () => {
    const { error } = await anonClient().auth.signUp({ email: 'not-an-email', password: PASSWORD });
    expect(error).toMatchObject({
      status: 400,
      code: 'validation_failed',
      message: 'Unable to validate email address: invalid format',
    });
  });
});

describe('password sign-in', () => {
  it('signs in with the right password and records the sign-in', async () => {
    const { email, session: first } = await signedUpUser('signin');
    const { data, error } = await anonClient().auth.signInWithPassword({ email, password: PASSWORD });
    expect(error).toBeNull();
    expect(data.session?.user.id).toBe(first.user.id);
    expect(claimsOf(data.session!.access_token).session_id).not.toBe(claimsOf(first.access_token).session_id);
    expect(data.user?.last_sign_in_at).toBeDefined();
  });

  it('answers invalid_credentials for a wrong password and for an unknown email alike', async () => {
    const { email } = await signedUpUser('wrong-password');
    const wrong = await anonClient().auth.signInWithPassword({ email, password: 'not the password' });
    const unknown = await anonClient().auth.signInWithPassword({
      email: uniqueEmail('nobody'),
      password: PASSWORD,
    });
    for (const { error } of [wrong, unknown]) {
      expect(isAuthApiError(error)).toBe(true);
      expect(error).toMatchObject({
        status: 400,
        code: 'invalid_credentials',
        message: 'Invalid login credentials',
      });
    }
  });

  it('accepts users seeded with pgcrypto bcrypt hashes', async () => {
    const email = uniqueEmail('seeded');
    await db.query(
      `insert into auth.users (id, aud, role, email, encrypted_password, email_confirmed_at, raw_app_meta_data,
                               raw_user_meta_data, created_at, updated_at)
       values (gen_random_uuid(), 'authenticated', 'authenticated', $1, extensions.crypt($2, extensions.gen_salt('bf')),
               now(), '{"provider":"email","providers":["email"]}', '{}', now(), now())`,
      [email, PASSWORD],
    );
    const { data, error } = await anonClient().auth.signInWithPassword({ email, password: PASSWORD });
    expect(error).toBeNull();
    expect(data.user?.email).toBe(email);
  });

  it('locks an email out after more than 10 failed attempts in 5 minutes', async () => {
    const { email } = await signedUpUser('brute-force');
    const client = anonClient();
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const { error } = await client.auth.signInWithPassword({ email, password: `guess-${attempt}` });
      expect(error?.code).toBe('invalid_credentials');
    }
    const locked = await client.auth.signInWithPassword({ email, password: PASSWORD });
    expect(locked.error).toMatchObject({ status: 429, code: 'over_request_rate_limit' });
    // Other addresses are unaffected.
    const other = await signedUpUser('brute-force-bystander');
    const { error } = await anonClient().auth.signInWithPassword({ email: other.email, password: PASSWORD });
    expect(error).toBeNull();
  });
});
