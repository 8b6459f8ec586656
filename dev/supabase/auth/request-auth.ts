/**
 * Who is calling: GoTrue's `requireAuthentication` / `requireAdmin` (`internal/api/auth.go`). The
 * bearer token is verified with the project's JWT secret; user endpoints also need the user and,
 * when the token names one, its session to still exist (signed-out tokens get session_not_found,
 * which auth-js turns into AuthSessionMissingError).
 */
import type { IncomingHttpHeaders } from 'node:http';
import { JwtError, verifyJwt, type JwtClaims } from '../jwt';
import type { Queryable } from './db';
import { AuthApiError, forbidden } from './errors';
import type { AuthServices } from './services';
import { findUserById, type UserRow } from './users-repo';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** GOTRUE_JWT_ADMIN_ROLES in the CLI. */
const ADMIN_ROLES = new Set(['service_role', 'supabase_admin']);

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The JWT to verify, after the CLI gateway's key mapping: opaque `sb_secret_…`/`sb_publishable_…`
 * keys (in `Authorization` or, without one, in `apikey`) stand for the service-role/anon JWTs.
 */
export function bearerToken(headers: IncomingHttpHeaders, services: AuthServices): string | null {
  const { config } = services;
  const authorization = header(headers, 'authorization');
  const match = authorization ? /^bearer\s+(.+)$/i.exec(authorization.trim()) : null;
  let token = match?.[1] ?? null;
  // Without Authorization only an opaque `sb_` API key stands in (the gateway maps it to a JWT);
  // a JWT in `apikey` alone is no bearer token, as GoTrue behind the CLI gateway sees it.
  if (token === null) {
    const apikey = header(headers, 'apikey');
    token = apikey?.startsWith('sb_') ? apikey : null;
  }
  if (token === config.secretKey) return config.serviceRoleKey;
  if (token === config.publishableKey) return config.anonKey;
  return token;
}

export async function requireClaims(
  headers: IncomingHttpHeaders,
  services: AuthServices,
): Promise<JwtClaims> {
  const token = bearerToken(headers, services);
  if (!token) throw new AuthApiError(401, 'no_authorization', 'This endpoint requires a valid Bearer token');
  try {
    return await verifyJwt(token, services.config.jwt);
  } catch (error) {
    const detail = error instanceof JwtError ? error.message : 'invalid token';
    throw forbidden('bad_jwt', `invalid JWT: unable to parse or verify signature, ${detail}`);
  }
}

export interface Caller {
  claims: JwtClaims;
  user: UserRow;
  /** The session the access token belongs to (tokens minted elsewhere may have none). */
  sessionId: string | null;
}

export async function requireUser(
  db: Queryable,
  headers: IncomingHttpHeaders,
  services: AuthServices,
): Promise<Caller> {
  const claims = await requireClaims(headers, services);
  if (typeof claims.sub !== 'string' || !UUID.test(claims.sub)) {
    throw forbidden('bad_jwt', 'invalid claim: missing sub claim');
  }
  const user = await findUserById(db, claims.sub);
  if (!user) throw forbidden('user_not_found', 'User from sub claim in JWT does not exist');
  let sessionId: string | null = null;
  if (typeof claims.session_id === 'string' && claims.session_id !== '') {
    if (!UUID.test(claims.session_id)) {
      throw forbidden('bad_jwt', 'invalid claim: session_id claim must be a UUID');
    }
    const { rowCount } = await db.query('select 1 from auth.sessions where id = $1 and user_id = $2', [
      claims.session_id,
      user.id,
    ]);
    if (!rowCount) {
      throw forbidden('session_not_found', 'Session from session_id claim in JWT does not exist');
    }
    sessionId = claims.session_id;
  }
  return { claims, user, sessionId };
}

export async function requireAdmin(headers: IncomingHttpHeaders, services: AuthServices): Promise<JwtClaims> {
  const claims = await requireClaims(headers, services);
  if (typeof claims.role !== 'string' || !ADMIN_ROLES.has(claims.role)) {
    throw forbidden('not_admin', 'User not allowed');
  }
  return claims;
}
