/**
 * The pipeline's auth stage: who is calling (the token, verified locally), and may they call this
 * function at all — suspension, admin rights and a live session, in one statement
 * (caller-standing.ts).
 */
import type { Queryable } from '../db';
import type { ServerEnv } from '../env';
import type { AuthUser } from './auth-user';
import { requireStanding } from './caller-standing';
import { bearerToken, verifyAccessToken } from './verify-access-token';

export type AuthMode = 'user' | 'admin' | 'none';

export interface AuthChecks {
  /** The function spends credits: the token's session must still be live (caller-standing.ts). */
  liveSession?: boolean;
  /**
   * False when the caller's standing is checked later, in the handler's first statement (the LLM
   * proxy's billing.begin_call, ADR 0073): only the token is verified here.
   */
  standing?: boolean;
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
  if (checks.standing !== false || mode === 'admin')
    await requireStanding(db, user, { admin: mode === 'admin', liveSession: checks.liveSession === true });
  return user;
}
