/**
 * Puts a signed-in session where supabase-js looks for it (localStorage), so a jsdom test starts
 * signed in without any auth request. Call before rendering; `clearTestSession` in afterEach.
 */
import { testSupabaseUrl } from './test-env';

const storageKey = `sb-${new URL(testSupabaseUrl).hostname.split('.')[0]}-auth-token`;

export interface TestUser {
  id: string;
  email: string;
}

export function storeTestSession(
  user: TestUser = { id: '00000000-0000-4000-8000-00000000a11c', email: 'alice@example.com' },
) {
  const expiresIn = 3600;
  window.localStorage.setItem(
    storageKey,
    JSON.stringify({
      access_token: 'test-access-token',
      refresh_token: 'test-refresh-token',
      token_type: 'bearer',
      expires_in: expiresIn,
      expires_at: Math.floor(Date.now() / 1000) + expiresIn,
      user: {
        id: user.id,
        email: user.email,
        aud: 'authenticated',
        role: 'authenticated',
        app_metadata: { provider: 'email' },
        user_metadata: {},
        created_at: new Date().toISOString(),
      },
    }),
  );
  return user;
}

export function clearTestSession() {
  window.localStorage.removeItem(storageKey);
}
