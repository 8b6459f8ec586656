/**
 * The caller's signed-in devices (GET /api/account/sessions) and ending one of them
 * (DELETE /api/account/sessions/:id), ADR 0071. Auth has no endpoint that lists a user's
 * sessions, and `auth.sessions` is not exposed to the API roles, so these are service-level
 * statements — each one bound to the verified caller's id in its own `where`, the only thing that
 * decides whose sessions are seen or ended. Ending a session deletes it as Auth's logout does
 * (its refresh tokens go with it by FK; the audit trigger records the sign-out).
 */
import type { AccountSession } from '../../../src/shared/account-contract';
import type { AuthUser } from '../auth/auth-user';
import type { Queryable } from '../db';
import { ApiError } from '../http/api-error';

const currentSessionOf = (user: AuthUser): string | null =>
  typeof user.claims.session_id === 'string' ? user.claims.session_id : null;

export async function listSessions(db: Queryable, user: AuthUser): Promise<AccountSession[]> {
  const { rows } = await db.query<AccountSession>(
    `select s.id, s.user_agent, host(s.ip) as ip,
            to_json(s.created_at)#>>'{}' as created_at,
            to_json(s.refreshed_at at time zone 'utc')#>>'{}' as refreshed_at,
            s.id is not distinct from $2::uuid as current
       from auth.sessions s
      where s.user_id = $1 and (s.not_after is null or s.not_after > now())
      order by s.id is not distinct from $2::uuid desc, coalesce(s.refreshed_at at time zone 'utc', s.created_at) desc`,
    [user.id, currentSessionOf(user)],
  );
  assertSessionLive(user, rows);
  return rows;
}

export async function endSession(db: Queryable, user: AuthUser, sessionId: string): Promise<void> {
  // One statement: the caller's own session is checked in the snapshot the delete runs on, so a
  // signed-out token ends nothing, and ending this device's own session is allowed (a sign-out).
  const { rows } = await db.query<{ caller_live: boolean; ended: number }>(
    `with caller as (
       select $3::uuid is null or exists (
         select 1 from auth.sessions s where s.id = $3::uuid and s.user_id = $1
       ) as live
     ), ended as (
       delete from auth.sessions s
        where s.id = $2 and s.user_id = $1 and (select live from caller)
       returning s.id
     )
     select (select live from caller) as caller_live, (select count(*)::int from ended) as ended`,
    [user.id, sessionId, currentSessionOf(user)],
  );
  if (!rows[0]?.caller_live) throw sessionEnded();
  // Someone else's session and one that does not exist answer alike: nothing tells them apart.
  if (rows[0].ended === 0) throw new ApiError('NOT_FOUND', 'No such session is signed in on your account.');
}

/** An access token outlives its session by up to an hour; a signed-out one sees nothing here. */
function assertSessionLive(user: AuthUser, sessions: AccountSession[]) {
  const current = currentSessionOf(user);
  if (current !== null && !sessions.some((session) => session.id === current)) throw sessionEnded();
}

const sessionEnded = () =>
  new ApiError('UNAUTHENTICATED', 'This session has been signed out. Sign in again.');
