/**
 * Verifies Supabase access tokens locally with `jose`, without a round trip to Supabase Auth:
 * HS256 tokens with the project's JWT secret (legacy and local projects), asymmetric ones (ES256,
 * RS256; projects using signing keys) against the project's JWKS. Only a signed-in user's token is
 * accepted: the anon and service-role API keys are JWTs too, and must never pass as a user.
 */
import { createRemoteJWKSet, decodeProtectedHeader, errors, jwtVerify, type JWTPayload } from 'jose';
import type { ServerEnv } from '../env';
import { ApiError } from '../http/api-error';
import type { AuthUser } from './auth-user';

const AUDIENCE = 'authenticated';
/** Supabase Auth and PostgREST both allow 30 s of clock skew. */
const CLOCK_TOLERANCE_SECONDS = 30;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const unauthenticated = (message = 'Your session is invalid or has expired. Sign in again.') =>
  new ApiError('UNAUTHENTICATED', message, {
    headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
  });

// One key set per URL for the life of the function instance; jose caches the keys and refetches
// (at most every 30 s) when a token names a key id it has not seen, which handles key rotation.
const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

function jwksFor(env: ServerEnv) {
  const url = env.SUPABASE_JWKS_URL ?? new URL('/auth/v1/.well-known/jwks.json', env.SUPABASE_URL).toString();
  let keySet = keySets.get(url);
  if (!keySet) {
    keySet = createRemoteJWKSet(new URL(url), { timeoutDuration: 3000, cooldownDuration: 30_000 });
    keySets.set(url, keySet);
  }
  return keySet;
}

// The HS256 key as a WebCrypto key, imported once per secret. jose verifies with WebCrypto either
// way, but a KeyObject is converted to a CryptoKey on every verification: 66–137 µs of CPU per
// token against 37–40 µs for a CryptoKey, measured in one run (ADR 0091). Same checks, same result.
const secretKeys = new Map<string, Promise<CryptoKey>>();

function hs256Key(secret: string): Promise<CryptoKey> {
  let key = secretKeys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey(
      'raw',
      new TextEncoder().encode(secret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['verify'],
    );
    secretKeys.set(secret, key);
  }
  return key;
}

async function verifySignature(token: string, env: ServerEnv): Promise<JWTPayload> {
  let alg: string | undefined;
  try {
    alg = decodeProtectedHeader(token).alg;
  } catch {
    throw unauthenticated('The access token is malformed.');
  }
  const options = {
    audience: AUDIENCE,
    clockTolerance: CLOCK_TOLERANCE_SECONDS,
    requiredClaims: ['exp', 'sub'],
  };
  if (alg === 'HS256') {
    if (!env.SUPABASE_JWT_SECRET) throw unauthenticated();
    return (
      await jwtVerify(token, await hs256Key(env.SUPABASE_JWT_SECRET), { ...options, algorithms: ['HS256'] })
    ).payload;
  }
  if (alg === 'ES256' || alg === 'RS256') {
    return (await jwtVerify(token, jwksFor(env), { ...options, algorithms: ['ES256', 'RS256'] })).payload;
  }
  throw unauthenticated();
}

// Tokens verified by this instance, by their exact text (signature included) and the keys they were
// verified with, until they expire: a caller sends the same token for up to an hour, and verifying
// it again costs a WebCrypto signature check per request (issue 20). Revocation does not depend on
// this — a signed-out session is refused by the database (caller-standing.ts). Bounded: the oldest
// entry goes first.
const verified = new Map<string, { user: AuthUser; until: number }>();
const maxVerified = 10_000;

export async function verifyAccessToken(token: string, env: ServerEnv): Promise<AuthUser> {
  const cacheKey = `${env.SUPABASE_JWT_SECRET ?? ''}\0${env.SUPABASE_JWKS_URL ?? env.SUPABASE_URL}\0${token}`;
  const hit = verified.get(cacheKey);
  if (hit && Date.now() < hit.until) return hit.user;
  if (hit) verified.delete(cacheKey);
  const user = await verifyAnew(token, env);
  const exp = typeof user.claims.exp === 'number' ? user.claims.exp * 1000 : 0;
  if (exp > Date.now()) {
    if (verified.size >= maxVerified) verified.delete(verified.keys().next().value as string);
    verified.set(cacheKey, { user, until: exp });
  }
  return user;
}

async function verifyAnew(token: string, env: ServerEnv): Promise<AuthUser> {
  let payload: JWTPayload & Record<string, unknown>;
  try {
    payload = await verifySignature(token, env);
  } catch (error) {
    if (error instanceof ApiError) throw error;
    if (
      error instanceof errors.JWKSTimeout ||
      error instanceof errors.JWKSInvalid ||
      !(error instanceof errors.JOSEError)
    ) {
      // We could not fetch the keys: our outage, not a bad token.
      throw new ApiError('UNAVAILABLE', 'Sign-in verification is temporarily unavailable.', { cause: error });
    }
    if (error instanceof errors.JWTExpired) throw unauthenticated('Your session has expired. Sign in again.');
    throw unauthenticated();
  }
  if (payload.role !== 'authenticated') throw unauthenticated('A signed-in user is required.');
  if (typeof payload.sub !== 'string' || !UUID.test(payload.sub)) throw unauthenticated();
  return {
    id: payload.sub.toLowerCase(),
    email: typeof payload.email === 'string' && payload.email !== '' ? payload.email : undefined,
    role: 'authenticated',
    claims: payload,
    accessToken: token,
  };
}

/** The bearer token of a request, or a 401 when there is none. */
export function bearerToken(req: Request): string {
  const header = req.headers.get('authorization');
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  if (!match?.[1]) {
    throw new ApiError('UNAUTHENTICATED', 'Sign in to continue.', {
      headers: { 'www-authenticate': 'Bearer' },
    });
  }
  return match[1];
}
