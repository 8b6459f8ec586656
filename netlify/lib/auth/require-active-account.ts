/**
 * A suspended account (profiles.suspended_at, set by an admin) may call no function: 403 on every
 * route, the LLM gateway included. One primary-key lookup per request, kept in its own module so
 * it can share a statement with the token's session liveness check (and requireAdmin's role read).
 */
import type { Queryable } from '../db';
import { ApiError } from '../http/api-error';
import type { AuthUser } from './auth-user';

export async function requireActiveAccount(db: Queryable, user: AuthUser): Promise<void> {
  let rows: Array<{ suspended: boolean }>;
  try {
    ({ rows } = await db.query<{ suspended: boolean }>(
      'select suspended_at is not null as suspended from public.profiles where id = $1',
      [user.id],
    ));
  } catch (error) {
    // The database is unreachable: our outage (503, retry), never a reason to let the call through.
    throw new ApiError('UNAVAILABLE', 'The service is temporarily unavailable. Try again shortly.', {
      headers: { 'retry-after': '5' },
      cause: error,
    });
  }
  if (rows[0]?.suspended) {
    throw new ApiError(
      'FORBIDDEN',
      'This account is suspended. Contact support if you think this is a mistake.',
    );
  }
}
