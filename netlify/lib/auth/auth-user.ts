import type { JWTPayload } from 'jose';

/** The caller, from a verified Supabase access token. */
export interface AuthUser {
  /** auth.users.id (the token's `sub`). */
  id: string;
  email: string | undefined;
  /** The Postgres role the token grants; always `authenticated` for a signed-in user. */
  role: 'authenticated';
  claims: JWTPayload & Record<string, unknown>;
  /** The bearer token itself, for user-scoped Supabase clients (RLS applies). */
  accessToken: string;
}
