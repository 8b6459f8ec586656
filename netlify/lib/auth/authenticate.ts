/**
 * The pipeline's auth stage: who is calling, and may they call this function at all. Each check
 * past the token is its own module (admin rights, a live session); they are separate statements
 * today and may be folded into one lookup.
 */
import type { Queryable } from '../db';
import type { ServerEnv } from '../env';
import type { AuthUser } from './auth-user';
import { requireAdmin } from './require-admin';
import { requireLiveSession } from './require-live-session';
import { bearerToken, verifyAccessToken } from './verify-access-token';

export type AuthMode = 'user' | 'admin' | 'none';

export interface AuthChecks {
  /** The function spends credits: the token's session must still be live (require-live-session.ts). */
  liveSession?: boolean;
}

/** The signed-in caller (null for `none`); throws 401 / 403 / 503 as ApiError. */
export async function authenticate(
  req: Request,
  mode: AuthMode,
  env: ServerEnv,
  db: Queryable,
  checks: AuthChecks = {},
): Promise<AuthUser | null> {
  if (mode === 'none') return null;
  const user = await verifyAccessToken(bearerToken(req), env);
  if (checks.liveSession) await requireLiveSession(db, user);
  if (mode === 'admin') await requireAdmin(db, user);
  return user;
}
