/**
 * What the auth stage asks the database about a verified caller, in one primary-key statement
 * (service level: auth.sessions is not the user's to read, and nothing here is the user's data):
 *
 * - suspended: `profiles.suspended_at`, set by an admin — 403 on every route, the gateway included;
 * - admin: `profiles.role` — rights come from the database, never from token claims, so a change
 *   takes effect on the next request;
 * - session live (for functions that spend credits, issue 19): the token's `session_id` still
 *   names a session — an access token outlives sign-out, "sign out everywhere", a password change
 *   or an admin revoking it by up to an hour. A token without `session_id` was minted by a
 *   service with the project's secret (GoTrue always sets one) and passes.
 *
 * The database being unreachable is our outage (503, retry), never a reason to let a call through.
 *
 * The LLM proxy checks the same standing inside its first statement instead (billing.begin_call,
 * ADR 0073): the pipeline hands it the token's session (`sessionClaim`) with the deferred rate
 * limit, and `standingRefusal` is the answer to the same facts, so both paths refuse alike.
 */
import type { Queryable } from '../db';
import { ApiError } from '../http/api-error';
import type { AuthUser } from './auth-user';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface StandingChecks {
  admin: boolean;
  liveSession: boolean;
}

/**
 * The token's session id for the live-session check: null when the token carries none; a 401 when
 * it is not a session id at all (no lookup can make such a token live).
 */
export function sessionClaim(user: AuthUser): string | null {
  const raw = user.claims.session_id;
  if (raw === undefined) return null;
  if (typeof raw !== 'string' || !uuid.test(raw)) throw sessionEnded();
  return raw;
}

/** What a standing the database read refuses, as the caller sees it. */
export function standingRefusal(standing: 'suspended' | 'session_ended'): ApiError {
  return standing === 'suspended' ? suspended() : sessionEnded();
}

/** Throws the ApiError the caller's standing calls for (401 / 403 / 503); returns when they may go on. */
export async function requireStanding(db: Queryable, user: AuthUser, checks: StandingChecks): Promise<void> {
  const rawSession = checks.liveSession ? sessionClaim(user) : null;
  let row: { suspended: boolean; admin: boolean; live: boolean } | undefined;
  try {
    ({
      rows: [row],
    } = await db.query<{ suspended: boolean; admin: boolean; live: boolean }>(
      `select p.suspended_at is not null as suspended, p.role = 'admin' as admin,
              $2::uuid is null or exists (
                select 1 from auth.sessions s
                 where s.id = $2::uuid and s.user_id = p.id and (s.not_after is null or s.not_after > now())
              ) as live
         from public.profiles p where p.id = $1`,
      [user.id, rawSession],
    ));
  } catch (error) {
    throw new ApiError('UNAVAILABLE', 'The service is temporarily unavailable. Try again shortly.', {
      headers: { 'retry-after': '5' },
      cause: error,
    });
  }
  if (row?.suspended) throw suspended();
  if (row && !row.live) throw sessionEnded();
  if (checks.admin && !row?.admin) throw new ApiError('FORBIDDEN', 'This action is for administrators only.');
}

const suspended = () =>
  new ApiError('FORBIDDEN', 'This account is suspended. Contact support if you think this is a mistake.');

const sessionEnded = () =>
  new ApiError('UNAUTHENTICATED', 'Your session has ended. Sign in again to continue.', {
    headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
  });
