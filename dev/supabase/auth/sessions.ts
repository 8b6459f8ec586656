/**
 * Sessions, refresh tokens and the session response (`tokens.AccessTokenResponse`). Rotation and
 * reuse follow `internal/tokens/service.go RefreshTokenGrant` with the project's settings (rotation
 * on, reuse interval 10 s in config.toml); rows are locked `for update` so concurrent refreshes of one token queue up
 * and the second one receives the child the first one created.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { CommitThenFail, inTransaction, type Queryable } from './db';
import { badRequest } from './errors';
import type { AuthServices } from './services';
import { newRefreshToken, signAccessToken, type AmrEntry } from './tokens';
import { userJson } from './user-json';
import { findIdentities, findUserById, updateUser, type JsonObject, type UserRow } from './users-repo';

/** `amr` methods (`models.AuthenticationMethod`). */
export type AuthMethod =
  'password' | 'otp' | 'recovery' | 'magiclink' | 'email/signup' | 'email_change' | 'invite' | 'oauth';

export interface ClientInfo {
  userAgent: string | null;
  ip: string | null;
}

export function clientInfo(headers: IncomingHttpHeaders, remoteAddress: string | undefined): ClientInfo {
  const userAgent = headers['user-agent'];
  return { userAgent: typeof userAgent === 'string' ? userAgent : null, ip: remoteAddress ?? null };
}

interface RefreshTokenRow {
  id: string;
  token: string;
  user_id: string;
  revoked: boolean;
  parent: string | null;
  session_id: string | null;
  reuse_window_over: boolean;
}

async function insertRefreshToken(db: Queryable, userId: string, sessionId: string, parent: string | null) {
  const token = newRefreshToken();
  await db.query(
    `insert into auth.refresh_tokens (instance_id, token, user_id, revoked, parent, session_id, created_at, updated_at)
     values ('00000000-0000-0000-0000-000000000000', $1, $2, false, $3, $4, now(), now())`,
    [token, userId, parent, sessionId],
  );
  return token;
}

/** A new session for a user who just proved who they are, and its first refresh token. */
export async function startSession(
  db: Queryable,
  services: AuthServices,
  user: UserRow,
  method: AuthMethod,
  client: ClientInfo,
): Promise<JsonObject> {
  const sessionId = randomUUID();
  await db.query(
    `insert into auth.sessions (id, user_id, created_at, updated_at, aal, user_agent, ip)
     values ($1, $2, now(), now(), 'aal1', $3, $4)`,
    [sessionId, user.id, client.userAgent, client.ip],
  );
  await db.query(
    `insert into auth.mfa_amr_claims (id, session_id, created_at, updated_at, authentication_method)
     values ($1, $2, now(), now(), $3)`,
    [randomUUID(), sessionId, method],
  );
  const refreshToken = await insertRefreshToken(db, user.id, sessionId, null);
  await updateUser(db, user.id, { last_sign_in_at: 'now' });
  await db.query(
    `update auth.identities set last_sign_in_at = now(), updated_at = now() where user_id = $1 and provider = 'email'`,
    [user.id],
  );
  return sessionResponse(db, services, user.id, sessionId, refreshToken);
}

/** The session body: a fresh access token for the session plus the current user object. */
export async function sessionResponse(
  db: Queryable,
  services: AuthServices,
  userId: string,
  sessionId: string,
  refreshToken: string,
): Promise<JsonObject> {
  const user = (await findUserById(db, userId))!;
  const { rows: sessions } = await db.query<{ aal: string | null }>(
    'select aal from auth.sessions where id = $1',
    [sessionId],
  );
  const { rows: amr } = await db.query<AmrEntry>(
    `select authentication_method as method, floor(extract(epoch from created_at))::int as timestamp
     from auth.mfa_amr_claims where session_id = $1 order by created_at desc`,
    [sessionId],
  );
  const ttl = services.settings.jwtExpirySeconds;
  const accessToken = await signAccessToken(services.config.jwt, services.externalUrl, ttl, user, {
    id: sessionId,
    aal: sessions[0]?.aal ?? 'aal1',
    amr,
  });
  return {
    access_token: accessToken.token,
    token_type: 'bearer',
    expires_in: ttl,
    expires_at: accessToken.expiresAt,
    refresh_token: refreshToken,
    user: userJson(user, await findIdentities(db, user.id)),
  };
}

export async function refreshTokenGrant(
  services: AuthServices,
  presented: string,
  client: ClientInfo,
): Promise<JsonObject> {
  return inTransaction(services.pool, async (db) => {
    const { rows } = await db.query<RefreshTokenRow>(
      `select id, token, user_id, revoked, parent, session_id,
              updated_at + make_interval(secs => $2) < now() as reuse_window_over
       from auth.refresh_tokens where token = $1 for update`,
      [presented, services.settings.refreshTokenReuseIntervalSeconds],
    );
    const token = rows[0];
    if (!token) throw badRequest('refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');
    const user = await findUserById(db, token.user_id);
    if (!user) throw badRequest('refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');
    if (user.is_banned) throw badRequest('user_banned', 'Invalid Refresh Token: User Banned');

    const { rows: sessions } = token.session_id
      ? await db.query<{ id: string; expired: boolean }>(
          `select id, coalesce(not_after < now(), false) as expired from auth.sessions where id = $1 for update`,
          [token.session_id],
        )
      : { rows: [] };
    const session = sessions[0];
    if (!session) throw badRequest('session_not_found', 'Invalid Refresh Token: No Valid Session Found');
    if (session.expired) throw badRequest('session_expired', 'Invalid Refresh Token: Session Expired');

    let issued: string | null = null;
    if (token.revoked) {
      const { rows: active } = await db.query<{ token: string; parent: string | null }>(
        `select token, parent from auth.refresh_tokens
         where session_id = $1 and revoked = false order by id desc limit 1`,
        [session.id],
      );
      if (active[0] && active[0].parent === token.token) {
        // The client lost the response of its last refresh: hand back the child it was given.
        issued = active[0].token;
      } else if (token.reuse_window_over) {
        // A revoked token presented again after the grace period: assume it leaked and end the
        // whole session's token family, keeping that revocation even though the request fails.
        if (services.settings.refreshTokenRotation) {
          await db.query(
            'update auth.refresh_tokens set revoked = true, updated_at = now() where session_id = $1 and revoked = false',
            [session.id],
          );
        }
        throw new CommitThenFail(
          badRequest('refresh_token_already_used', 'Invalid Refresh Token: Already Used'),
        );
      }
    }
    if (issued === null) {
      await db.query('update auth.refresh_tokens set revoked = true, updated_at = now() where id = $1', [
        token.id,
      ]);
      issued = await insertRefreshToken(db, user.id, session.id, token.token);
    }
    await db.query(
      `update auth.sessions set refreshed_at = now() at time zone 'utc', updated_at = now(),
         user_agent = coalesce($2, user_agent), ip = coalesce($3::inet, ip)
       where id = $1`,
      [session.id, client.userAgent, client.ip],
    );
    return sessionResponse(db, services, user.id, session.id, issued);
  });
}

export type LogoutScope = 'global' | 'local' | 'others';

export async function endSessions(
  db: Queryable,
  userId: string,
  scope: LogoutScope,
  currentSessionId: string | null,
) {
  if (scope === 'local') {
    if (currentSessionId) await db.query('delete from auth.sessions where id = $1', [currentSessionId]);
    return;
  }
  if (scope === 'others') {
    await db.query('delete from auth.sessions where user_id = $1 and id is distinct from $2', [
      userId,
      currentSessionId,
    ]);
    return;
  }
  await db.query('delete from auth.sessions where user_id = $1', [userId]);
  await db.query('delete from auth.refresh_tokens where user_id = $1', [userId]);
}
