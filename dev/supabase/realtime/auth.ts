/**
 * Token checks as Realtime makes them (RealtimeWeb.ChannelsAuthorization, JwtVerification): the
 * token must be an HS256 JWT signed with the project secret and carry `role` and `exp`; no clock
 * skew is allowed. Errors carry Realtime's wording: `reason` is what a channel join is refused
 * with, `http` what the WebSocket upgrade answers.
 */
import { decodeJwt, errors as joseErrors, jwtVerify } from 'jose';
import type { SupabaseApiConfig } from '../context';
import type { JwtClaims } from '../jwt';

export class RealtimeAuthError extends Error {
  constructor(
    /** Join refusal / system message, e.g. "InvalidJWTToken: Token has expired 3 seconds ago". */
    readonly reason: string,
    /** The bare message (system messages and shutdowns use it without the code). */
    readonly bare: string,
    readonly http: { status: number; error: string },
  ) {
    super(reason);
  }
}

export interface VerifiedToken {
  token: string;
  claims: JwtClaims;
  role: string;
  /** Seconds since the epoch. */
  exp: number;
}

const malformed = () =>
  new RealtimeAuthError(
    'MalformedJWT: The token provided is not a valid JWT',
    'The token provided is not a valid JWT',
    {
      status: 401,
      error: 'The token provided is not a valid JWT',
    },
  );

/** The gateway's mapping of the opaque `sb_` API keys to the JWTs they stand for. */
export function tokenForApiKey(apikey: string, config: SupabaseApiConfig): string {
  if (apikey === config.publishableKey) return config.anonKey;
  if (apikey === config.secretKey) return config.serviceRoleKey;
  return apikey;
}

export async function verifyRealtimeToken(token: string, config: SupabaseApiConfig): Promise<VerifiedToken> {
  const cleaned = decodeURIComponent(token).replace(/\s/g, '');
  if (cleaned.split('.').length !== 3) throw malformed();
  let unverified: JwtClaims;
  try {
    unverified = decodeJwt(cleaned) as JwtClaims;
  } catch {
    throw malformed();
  }
  try {
    await jwtVerify(cleaned, new TextEncoder().encode(config.jwt.secret), { algorithms: ['HS256'] });
  } catch (error) {
    if (!(error instanceof joseErrors.JWTExpired)) {
      if (
        error instanceof joseErrors.JWSSignatureVerificationFailed ||
        error instanceof joseErrors.JOSEAlgNotAllowed
      ) {
        throw new RealtimeAuthError(
          'JwtSignatureError: Failed to validate JWT signature',
          'Failed to validate JWT signature',
          { status: 401, error: 'Failed to validate JWT signature' },
        );
      }
      if (!(error instanceof joseErrors.JWTClaimValidationFailed)) throw malformed();
    }
  }
  if (typeof unverified.role !== 'string' || typeof unverified.exp !== 'number') {
    const message = 'Fields `role` and `exp` are required in JWT';
    throw new RealtimeAuthError(`InvalidJWTToken: ${message}`, message, { status: 401, error: message });
  }
  const now = Math.floor(Date.now() / 1000);
  if (unverified.exp - now <= 0) throw expiredError(unverified.exp);
  return { token: cleaned, claims: unverified, role: unverified.role, exp: unverified.exp };
}

export function expiredError(exp: number): RealtimeAuthError {
  const message = `Token has expired ${Math.floor(Date.now() / 1000) - exp} seconds ago`;
  return new RealtimeAuthError(`InvalidJWTToken: ${message}`, message, {
    status: 401,
    error: 'Token has expired',
  });
}
