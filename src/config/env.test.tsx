import { describe, expect, it } from 'vitest';
import { ClientEnvError, parseClientEnv } from './env';

const valid = {
  VITE_SUPABASE_URL: 'https://abc.supabase.co',
  VITE_SUPABASE_ANON_KEY: 'public-anon-key',
};

describe('parseClientEnv', () => {
  it('rejects missing variables with a message naming every one of them', () => {
    expect(() => parseClientEnv({})).toThrow(ClientEnvError);
    try {
      parseClientEnv({ MODE: 'production' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ClientEnvError);
      const { message, variables } = error as ClientEnvError;
      expect(variables).toEqual(['VITE_SUPABASE_URL', 'VITE_SUPABASE_ANON_KEY']);
      expect(message).toContain('VITE_SUPABASE_URL: required');
      expect(message).toContain('VITE_SUPABASE_ANON_KEY: required');
    }
  });

  it('treats an empty value (VAR= in .env) as missing', () => {
    expect(() => parseClientEnv({ ...valid, VITE_SUPABASE_ANON_KEY: '' })).toThrow(
      /VITE_SUPABASE_ANON_KEY: required/,
    );
  });

  it('rejects a Supabase URL that is not an http(s) URL', () => {
    expect(() => parseClientEnv({ ...valid, VITE_SUPABASE_URL: 'abc.supabase.co' })).toThrow(
      /VITE_SUPABASE_URL/,
    );
    expect(() => parseClientEnv({ ...valid, VITE_SUPABASE_URL: 'ftp://abc.supabase.co' })).toThrow(
      /VITE_SUPABASE_URL/,
    );
  });

  it('accepts the required variables alone, leaving the optional ones unset', () => {
    expect(parseClientEnv({ ...valid, VITE_SENTRY_DSN: '' })).toEqual({
      supabaseUrl: 'https://abc.supabase.co',
      supabaseAnonKey: 'public-anon-key',
      sentryDsn: undefined,
      appUrl: undefined,
    });
  });

  it('reads the optional variables and normalises the app URL', () => {
    const env = parseClientEnv({
      ...valid,
      VITE_SENTRY_DSN: 'https://key@o1.ingest.sentry.io/42',
      VITE_APP_URL: 'https://app.example.com/',
    });
    expect(env.sentryDsn).toBe('https://key@o1.ingest.sentry.io/42');
    expect(env.appUrl).toBe('https://app.example.com');
  });

  it('never exposes server-side variables, even when they are present', () => {
    const env = parseClientEnv({
      ...valid,
      SUPABASE_SERVICE_ROLE_KEY: 'secret',
      STRIPE_SECRET_KEY: 'sk_live',
    });
    expect(JSON.stringify(env)).not.toContain('secret');
    expect(JSON.stringify(env)).not.toContain('sk_live');
  });
});
