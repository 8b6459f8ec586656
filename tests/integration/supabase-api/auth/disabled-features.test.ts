/**
 * Features the local Auth server does not have answer exactly as GoTrue does with them switched
 * off (status, code, message, and a session check first where GoTrue makes one) — never a 404
 * from the router. Also: admin-created users keep exactly the metadata they were given.
 */
import { describe, expect, it } from 'vitest';
import { authFetch, env, serviceClient, signedUpUser, uniqueEmail } from './helpers';

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('features answered as GoTrue answers them disabled', () => {
  it('MFA: asks for a session first, then refuses enrolment per factor type', async () => {
    expect(await authFetch('/factors', { method: 'POST', body: { factor_type: 'totp' } })).toMatchObject({
      status: 401,
      body: { code: 'no_authorization', message: 'This endpoint requires a valid Bearer token' },
    });
    const { session } = await signedUpUser('mfa');
    const headers = bearer(session.access_token);
    expect(
      await authFetch('/factors', { method: 'POST', headers, body: { factor_type: 'totp' } }),
    ).toMatchObject({
      status: 422,
      body: { code: 'mfa_totp_enroll_not_enabled', message: 'MFA enroll is disabled for TOTP' },
    });
    expect(
      await authFetch('/factors', { method: 'POST', headers, body: { factor_type: 'webauthn' } }),
    ).toMatchObject({
      status: 422,
      body: { code: 'mfa_webauthn_enroll_not_enabled', message: 'MFA enroll is disabled for WebAuthn' },
    });
    const factor = '00000000-0000-4000-8000-000000000000';
    expect(
      await authFetch(`/factors/${factor}/challenge`, { method: 'POST', headers, body: {} }),
    ).toMatchObject({
      status: 404,
      body: { code: 'mfa_factor_not_found', message: 'Factor not found' },
    });
  });

  it('SSO, passkeys, manual linking, Web3 and ID tokens', async () => {
    expect(await authFetch('/sso', { method: 'POST', body: { domain: 'example.com' } })).toEqual(
      expect.objectContaining({
        status: 404,
        body: { code: 'saml_provider_disabled', message: 'SAML 2.0 is disabled' },
      }),
    );
    expect(await authFetch('/passkeys/authentication/options', { method: 'POST', body: {} })).toMatchObject({
      status: 404,
      body: { code: 'passkey_disabled', message: 'Passkeys are disabled' },
    });
    const { session } = await signedUpUser('linking');
    expect(
      await authFetch('/user/identities/authorize?provider=github', {
        headers: bearer(session.access_token),
      }),
    ).toMatchObject({
      status: 404,
      body: { code: 'manual_linking_disabled', message: 'Manual linking is disabled' },
    });
    expect(
      await authFetch('/token?grant_type=web3', {
        method: 'POST',
        body: { chain: 'solana', message: 'm', signature: 's' },
      }),
    ).toMatchObject({
      status: 422,
      body: { code: 'web3_provider_disabled', message: 'Web3 provider is disabled' },
    });
    expect(
      await authFetch('/token?grant_type=id_token', {
        method: 'POST',
        body: { provider: 'google', id_token: 'x' },
      }),
    ).toMatchObject({
      status: 400,
      body: {
        code: 'provider_disabled',
        message: 'Provider (issuer "https://accounts.google.com") is not enabled',
      },
    });
  });

  it('phone OTPs: a malformed number is a validation error, any code for a real one is invalid', async () => {
    expect(
      await authFetch('/verify', {
        method: 'POST',
        body: { type: 'sms', phone: 'not-a-number', token: '123456' },
      }),
    ).toMatchObject({
      status: 400,
      body: { code: 'validation_failed', message: 'Invalid phone number format (E.164 required)' },
    });
    expect(
      await authFetch('/verify', {
        method: 'POST',
        body: { type: 'phone_change', phone: '+15555550100', token: '123456' },
      }),
    ).toMatchObject({
      status: 403,
      body: { code: 'otp_expired', message: 'Token has expired or is invalid' },
    });
  });

  it('admin: createUser keeps the user_metadata it was given (no identity claims copied in)', async () => {
    const email = uniqueEmail('admin-meta');
    const { data, error } = await serviceClient().auth.admin.createUser({
      email,
      user_metadata: { profile_image: 'https://example.test/a.png' },
    });
    expect(error).toBeNull();
    expect(data.user?.user_metadata).toEqual({ profile_image: 'https://example.test/a.png' });
    expect(data.user?.identities?.[0]?.identity_data).toMatchObject({ sub: data.user?.id, email });
    // Sign-up, by contrast, copies the email identity's claims (GoTrue's RemoveUnconfirmedIdentities).
    const { session } = await signedUpUser('signup-meta');
    expect(session.user.user_metadata).toMatchObject({ sub: session.user.id, email_verified: true });
    expect(env.url).toBeTruthy();
  });
});
