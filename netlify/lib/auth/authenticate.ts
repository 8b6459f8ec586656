/** The pipeline's auth stage: who is calling, and may they call this function at all. */
import type { Queryable } from '../db';
import type { ServerEnv } from '../env';
import type { AuthUser } from './auth-user';
import { requireActiveAccount } from './require-active-account';
import { requireAdmin } from './require-admin';
import { bearerToken, verifyAccessToken } from './verify-access-token';

export type AuthMode = 'user' | 'admin' | 'none';

/** The signed-in caller (null for `none`); throws 401 / 403 / 503 as ApiError. */
export async function authenticate(
  req: Request,
  mode: AuthMode,
  env: ServerEnv,
  db: Queryable,
): Promise<AuthUser | null> {
  if (mode === 'none') return null;
  const user = await verifyAccessToken(bearerToken(req), env);
  await requireActiveAccount(db, user);
  if (mode === 'admin') await requireAdmin(db, user);
  return user;
}
