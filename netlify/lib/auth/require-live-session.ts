/**
 * A signed-out session stops spending at once (issue 19). An access token stays valid until it
 * expires (up to an hour) after its session was ended — sign-out, "sign out everywhere", a password
 * change, an admin revoking it — so the functions that spend credits also check that the token's
 * `session_id` still names a live session: one primary-key lookup in auth.sessions (service level:
 * the auth schema is not the user's to read). A token without `session_id` was not issued by a
 * sign-in (GoTrue always sets it) but minted with the project's secret by a service; it passes.
 */
import type { Queryable } from '../db';
import { ApiError } from '../http/api-error';
import type { AuthUser } from './auth-user';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function requireLiveSession(db: Queryable, user: AuthUser): Promise<void> {
  const sessionId = user.claims.session_id;
  if (sessionId === undefined) return;
  if (typeof sessionId !== 'string' || !uuid.test(sessionId)) throw sessionEnded();
  const { rows } = await db.query(
    `select 1 from auth.sessions
     where id = $1::uuid and user_id = $2::uuid and (not_after is null or not_after > now())`,
    [sessionId, user.id],
  );
  if (rows.length === 0) throw sessionEnded();
}

const sessionEnded = () =>
  new ApiError('UNAUTHENTICATED', 'Your session has ended. Sign in again to continue.', {
    headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
  });
